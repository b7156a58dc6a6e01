import Testing
@testable import NLPTokenizers
@Test func jsonRoundTrip() throws {
    let text = #"{"a":[1,2.5,"x\u00e9\n",true,null],"b":{}}"#
    let value = try JSONValue.parse(text)
    #expect(try JSONValue.parse(value.serialized()) == value)
    #expect(value["a"]?.arrayValue?[2].stringValue == "xé\n")
}
