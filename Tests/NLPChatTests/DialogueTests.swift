import Foundation
import Testing
@testable import NLPChat

@Suite struct DialogueTests {
    @Test func slotFilledAcrossTurnsThenConfirmed() {
        let engine = Bundled.engine()
        let first = engine.respond(to: "I lost my card")
        #expect(first.action == .askSlot && first.intent == "card_lost")
        #expect(first.reply == "What are the last four digits of the card?")
        #expect(engine.state.awaitingSlot == "card_last4")
        let second = engine.respond(to: "4821")
        #expect(second.action == .confirm)
        #expect(second.reply.hasPrefix("I'll freeze the card ending 4821 now."))
        let third = engine.respond(to: "yes please")
        #expect(third.action == .answer && third.intent == "card_lost")
        #expect(third.reply.contains("4821"))
        #expect(engine.state.intent == nil && engine.state.slots.isEmpty)
    }

    @Test func slotsInTheFirstMessageAreNotAskedFor() {
        let engine = Bundled.engine()
        let turn = engine.respond(to: "please send £250 to Alice Smith")
        #expect(turn.action == .confirm)
        #expect(turn.reply == "Just to confirm: send £250 to Alice Smith? (yes/no)")
        let no = engine.respond(to: "no")
        #expect(no.action == .denied && no.reply == "No problem, nothing has been sent.")
    }

    @Test func twoSlotsAskedInOrder() {
        let engine = Bundled.engine()
        #expect(engine.respond(to: "I want to make a transfer").reply == "How much would you like to send, and in which currency?")
        #expect(engine.respond(to: "€90").reply == "Who would you like to pay?")
        #expect(engine.respond(to: "to Bob").reply == "Just to confirm: send €90 to Bob? (yes/no)")
        #expect(engine.respond(to: "yep").reply.contains("€90"))
    }

    @Test func changeOfTopicDropsThePendingIntent() {
        let engine = Bundled.engine()
        _ = engine.respond(to: "I lost my card")
        let turn = engine.respond(to: "what are your exchange rates for dollars")
        #expect(turn.intent == "exchange_rate" && turn.action == .answer)
        #expect(engine.state.awaitingSlot == nil && engine.state.intent == nil)
    }

    @Test func unclearAnswerToConfirmationAsksAgain() {
        let engine = Bundled.engine()
        _ = engine.respond(to: "dispute transaction TX-555111")
        let turn = engine.respond(to: "hmm")
        #expect(turn.action == .confirm && turn.reply.hasPrefix("Please answer yes or no: I'll open a dispute for TX-555111"))
    }

    @Test func fallbackOffersTwoIntentsThenAPersonThenHandsOff() {
        let engine = Bundled.engine()
        let first = engine.respond(to: "what's the weather like in Paris tomorrow")
        #expect(first.action == .outOfScope)
        let titles = first.ranking.filter { $0.intent != "out_of_scope" }.prefix(2).map { Bundled.bot.definition.title(of: $0.intent, locale: "en") }
        #expect(first.reply == "Sorry, I can only help with banking questions. I can help with \(titles[0]) or \(titles[1]), for example.")
        let second = engine.respond(to: "who won the football last night")
        #expect(second.action == .offerHuman)
        #expect(second.reply == "I'm having trouble understanding. Would you like to talk to a person? (yes/no)")
        let third = engine.respond(to: "yes")
        #expect(third.action == .handoff && third.intent == "human_handoff")
        #expect(engine.state.handedOff)
        #expect(engine.respond(to: "hello?").action == .handedOff)
        _ = engine.respond(to: "/reset")
        #expect(!engine.state.handedOff)
        #expect(engine.respond(to: "hello").intent == "greeting")
    }

    @Test func lowConfidenceNamesTheTwoClosestIntents() {
        let engine = Bundled.engine()
        let turn = engine.respond(to: "card")
        #expect(turn.action == .lowConfidence || turn.action == .answer || turn.action == .askSlot)
        if turn.action == .lowConfidence {
            let options = turn.ranking.filter { $0.intent != "out_of_scope" }.prefix(2).map { Bundled.bot.definition.title(of: $0.intent, locale: "en") }
            #expect(turn.reply.contains(options[0]) && turn.reply.contains(options[1]))
        }
    }

    @Test func handoffIntent() {
        let engine = Bundled.engine()
        let turn = engine.respond(to: "I want to speak to a real person")
        #expect(turn.action == .handoff && engine.state.handedOff)
    }

    @Test func resetIntentAndCommand() {
        let engine = Bundled.engine()
        _ = engine.respond(to: "I lost my card")
        #expect(engine.state.intent == "card_lost")
        let reset = engine.respond(to: "/reset")
        #expect(reset.action == .command && engine.state == { var s = DialogueState(); s.locale = "en"; return s }())
        _ = engine.respond(to: "send money")
        let bye = engine.respond(to: "bye for now")
        #expect(bye.intent == "goodbye")
        #expect(engine.state.intent == nil)
    }

    @Test func chineseConversation() {
        let engine = Bundled.engine()
        let first = engine.respond(to: "我的卡丢了")
        #expect(first.intent == "card_lost" && first.reply == "请提供卡号后四位。")
        #expect(engine.state.locale == "zh")
        let second = engine.respond(to: "尾号1234")
        #expect(second.reply == "即将冻结尾号1234的卡，冻结后将无法使用。确认冻结吗？（是/不）")
        let third = engine.respond(to: "好的")
        #expect(third.action == .answer && third.reply.contains("1234") && ChatText.containsHan(third.reply))
    }

    @Test func faqAnswersAQuestionCloseToOne() {
        let engine = Bundled.engine()
        let turn = engine.respond(to: "how long does an international transfer take?")
        #expect(turn.action == .faq)
        #expect(turn.reply == "1 to 3 working days, depending on the currency and the receiving bank.")
        #expect((turn.faq?.similarity ?? 0) > 0.9)
        let far = TFIDFRetriever(items: Bundled.bot.definition.faq!.items).best("the cat sat on the mat")
        #expect((far?.similarity ?? 0) < Bundled.bot.definition.faq!.threshold)
    }

    @Test func emptyAndBlankLines() {
        let engine = Bundled.engine()
        _ = engine.respond(to: "I lost my card")
        for line in ["", "   ", "\t"] {
            let turn = engine.respond(to: line)
            #expect(turn.action == .empty && turn.reply == "Please type a message, or /help for the commands.")
        }
        #expect(engine.state.awaitingSlot == "card_last4")  // nothing forgotten
    }

    @Test func invalidUTF8IsExplainedAndTheConversationGoesOn() {
        let engine = Bundled.engine()
        _ = engine.respond(to: "I lost my card")
        let turn = engine.respond(toLine: Array("my card ".utf8) + [0xC3, 0x28])
        #expect(turn.action == .invalidInput)
        #expect(turn.reply == "Sorry, I couldn't read that message: invalid UTF-8 at byte 9 (0xC3 0x28). Please type it again.")
        #expect(engine.respond(to: "4821").action == .confirm)
    }

    @Test func megabyteLineIsCutAndAnswered() {
        let engine = Bundled.engine()
        let line = "I lost my card " + String(repeating: "ab 1234 ", count: 1 << 17)
        let start = Date()
        let turn = engine.respond(toLine: Array(line.utf8))
        #expect(Date().timeIntervalSince(start) < 5)  // a generous bound: it must not hang
        #expect(turn.truncated && turn.user.utf8.count <= ChatText.maximumBytes)
        #expect(turn.reply.hasPrefix("(That message was very long; I read its first 4096 bytes.)"))
    }

    @Test func sameSeedSameConversation() {
        let script = ["hello", "hi", "hey there", "thanks", "thank you", "cheers", "bye"]
        func replies(_ seed: UInt64) -> [String] { let e = Bundled.engine(seed: seed); return script.map { e.respond(to: $0).reply } }
        #expect(replies(5) == replies(5))
        #expect(Set((0..<8).map { replies($0).joined() }).count > 1)  // alternatives do vary with the seed
    }

    @Test func debugToggleAndJSON() throws {
        let engine = Bundled.engine()
        #expect(engine.respond(to: "/debug").reply.hasPrefix("Debug output on"))
        #expect(engine.debug)
        let turn = engine.respond(to: "send £5 to Dan")
        let object = try JSONSerialization.jsonObject(with: Data(turn.debugJSON().utf8)) as! [String: Any]
        #expect(object["intent"] as? String == "transfer_money")
        #expect((object["slots"] as? [String: String]) == ["amount": "£5", "payee": "Dan"])
        #expect(((object["ranking"] as? [[String: Any]])?.first?["intent"] as? String) == "transfer_money")
        #expect((object["state"] as? [String: Any])?["awaiting_confirmation"] as? Bool == true)
        #expect(engine.respond(to: "/debug").reply == "Debug output off.")
        #expect(engine.respond(to: "/quit").endsSession)
        #expect(engine.respond(to: "/help").reply.contains("/reset"))
    }
}
