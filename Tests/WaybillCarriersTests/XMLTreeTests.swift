import Foundation
import Testing
@testable import WaybillCarriers

@Suite("XML tree")
struct XMLTreeTests {
    @Test func parsesPrefixedElementsByLocalName() throws {
        let xml = #"<soap:Envelope xmlns:soap="urn:s"><soap:Body><ns2:Item id="7">A&amp;B</ns2:Item><ns2:Item/></soap:Body></soap:Envelope>"#
        let root = try XMLTree.parse(Data(xml.utf8), carrier: "test")
        #expect(root.name == "Envelope")
        let items = root.descendants("Item")
        #expect(items.count == 2 && items[0].text == "A&B" && items[0].attributes["id"] == "7")
        #expect(items[1].path == "Envelope/Body/Item[1]")
        #expect(root.text("Body", "Item") == "A&B")
    }

    @Test func malformedDocumentsAreErrorsWithAPosition() {
        #expect(throws: CarrierParseError.self) { try XMLTree.parse(Data("<a><b></a>".utf8), carrier: "test") }
        do {
            _ = try XMLTree.parse(Data([0x3C, 0x61, 0x3E, 0xFF, 0xFE, 0x3C, 0x2F, 0x61, 0x3E]), carrier: "test")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.location == "byte 3" && error.reason == "not valid UTF-8")
        }
    }

    @Test func latin1DocumentsThatSaySoAreConverted() throws {
        var data = Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><city>"#.utf8)
        data.append(contentsOf: [0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E])  // München in Latin-1
        data.append(Data("</city>".utf8))
        #expect(try XMLTree.parse(data, carrier: "test").text == "München")
    }
}
