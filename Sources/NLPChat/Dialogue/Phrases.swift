/// The few things the engine says on its own (the definition says everything else), in the
/// two locales the bundled bot speaks; other locales get the English ones.
enum Phrases {
    static func text(_ key: Key, _ locale: String) -> String {
        let zh = locale == "zh"
        switch key {
        case .empty: return zh ? "请输入您的问题，或输入 /help 查看命令。" : "Please type a message, or /help for the commands."
        case .notRead: return zh ? "抱歉，无法读取这条消息" : "Sorry, I couldn't read that message"
        case .typeAgain: return zh ? "请重新输入。" : "Please type it again."
        case .answerYesNo: return zh ? "请回答“是”或“不”：" : "Please answer yes or no: "
        case .deny: return zh ? "好的，什么都没有更改。" : "OK, I haven't done anything."
        case .keepGoing: return zh ? "好的，我们继续。请问有什么可以帮您？" : "OK, let's keep going. What can I help you with?"
        case .handedOff: return zh ? "人工客服将接手本次对话，请稍候。（输入 /reset 重新与智能客服对话）" :
            "A colleague will pick up this conversation shortly. (Type /reset to talk to the assistant again.)"
        case .suggest: return zh ? "我可以帮您{option1}或{option2}。" : "I can help with {option1} or {option2}, for example."
        case .reset: return zh ? "好的，我们重新开始。" : "OK, let's start over."
        case .debugOn: return "Debug output on: each reply is followed by a JSON line."
        case .debugOff: return "Debug output off."
        case .quit: return zh ? "再见！" : "Goodbye!"
        case .truncated: return zh ? "（消息过长，只读取了前4096字节。）" : "(That message was very long; I read its first 4096 bytes.)"
        }
    }

    enum Key { case empty, notRead, typeAgain, answerYesNo, deny, keepGoing, handedOff, suggest, reset, debugOn, debugOff, quit, truncated }
}
