import Testing
@testable import NLPChat

@Suite struct SlotExtractorTests {
    let slots = try! SlotExtractor(Bundled.bot.definition.slots)

    @Test func patterns() {
        #expect(slots.value(of: "card_last4", in: "I lost my visa ending in 4821") == "4821")
        #expect(slots.value(of: "card_last4", in: "the last four digits are 0042.") == "0042")
        #expect(slots.value(of: "card_last4", in: "my card 4821") == nil)  // needs "ending"/"last 4" unless asked
        #expect(slots.value(of: "card_last4", in: "4821", asAnswer: true) == "4821")
        #expect(slots.value(of: "card_last4", in: "48210", asAnswer: true) == nil)
        #expect(slots.value(of: "transaction_id", in: "what happened to tx-123456?") == "tx-123456")
        #expect(slots.value(of: "order_id", in: "refund for order #AB-1234567 please") == "AB-1234567")
        #expect(slots.value(of: "date", in: "a payment on 12 March") == "12 March")
        #expect(slots.value(of: "date", in: "it was on 2024-03-12") == "2024-03-12")
        #expect(slots.value(of: "new_address", in: "my new address is 12 Elm Road, Leeds LS1 4AB") == "12 Elm Road, Leeds LS1 4AB")
    }

    @Test func amountsWithCurrencies() {
        #expect(slots.value(of: "amount", in: "send £1,250.50 to Alice") == "£1,250.50")
        #expect(slots.value(of: "amount", in: "transfer 300 euros") == "300 euros")
        #expect(slots.value(of: "amount", in: "转账500元给妈妈") == "500元")
        #expect(slots.value(of: "amount", in: "250", asAnswer: true) == "250")
        #expect(slots.value(of: "amount", in: "I have 3 cards") == nil)
    }

    @Test func payeeIsCaseSensitive() {
        #expect(slots.value(of: "payee", in: "I want to send £50 to Alice Smith") == "Alice Smith")
        #expect(slots.value(of: "payee", in: "pay my landlord £800") == "my landlord")
        #expect(slots.value(of: "payee", in: "to Bob", asAnswer: true) == "Bob")
    }

    @Test func valueListsWithSynonyms() {
        #expect(slots.value(of: "card_type", in: "my American Express was declined") == "amex")
        #expect(slots.value(of: "card_type", in: "I lost my visa debit card") == "visa")  // the longest synonym wins
        #expect(slots.value(of: "card_type", in: "lunch at mcdonald's") == nil)       // "mc" only as a whole word
        #expect(slots.value(of: "card_type", in: "我的信用卡丢了") == "credit")
        #expect(slots.value(of: "currency", in: "how many EUROS for 100 pounds") == "EUR")
        #expect(slots.value(of: "currency", in: "今天欧元汇率") == "EUR")
        #expect(slots.value(of: "city", in: "ATMs in Dublin?") == "Dublin")
        #expect(slots.value(of: "card_last4", in: "尾号6789的卡") == "6789")
    }

    @Test func valuesOfSeveralSlots() {
        let found = slots.values(of: ["amount", "payee", "date"], in: "send £20 to Carol yesterday")
        #expect(found == ["amount": "£20", "payee": "Carol", "date": "yesterday"])
    }
}
