import Testing
import WaybillCore

@Suite("Customer field rules")
struct CustomerFieldRulesTests {
    @Test(arguments: ["ana@example.com", "a.b+tag@mail.example.co.uk"])
    func emailAddressesPass(_ text: String) { #expect(Customer.isEmailAddress(text)) }

    @Test(arguments: ["nobody", "@example.com", "a@b", "a b@example.com", "a@@example.com"])
    func nonAddressesFail(_ text: String) { #expect(!Customer.isEmailAddress(text)) }

    @Test func languageTagsNeedALetterLanguage() {
        #expect(Customer.isLanguageTag("fr-FR") && Customer.isLanguageTag("de") && Customer.isLanguageTag("zh-Hant-TW"))
        #expect(!Customer.isLanguageTag("12-AB") && !Customer.isLanguageTag("fr_FR") && !Customer.isLanguageTag("") && !Customer.isLanguageTag("f"))
    }

    @Test func timeZonesAreIANANames() {
        #expect(Customer.isTimeZone("Europe/Paris") && Customer.isTimeZone("UTC"))
        #expect(!Customer.isTimeZone("Mars/Olympus") && !Customer.isTimeZone("EST") && !Customer.isTimeZone("+01:00"))
    }
}
