import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

/// What the registry answers from the carriers' `CarrierAPI`s.
@Suite("Carrier APIs")
struct CarrierAPITests {
    @Test func aggregatorNamesNameRegisteredAggregatorsOnce() {
        var seen: [String: String] = [:]
        for carrier in CarrierRegistry.adapters {
            for (aggregator, names) in carrier.aggregatorNames {
                #expect(CarrierFeeds.aggregators.contains(aggregator) && CarrierRegistry.adapter(id: aggregator) != nil,
                        "\(carrier.id) names \(aggregator), which is not a registered aggregator")
                for name in names.map({ "\(aggregator)/\($0.lowercased())" }) {
                    #expect(seen[name] == nil, "\(name) is claimed by \(seen[name] ?? "") and \(carrier.id)")
                    seen[name] = carrier.id
                }
            }
        }
    }

    @Test func aggregatorsNameCarriersAsBefore() {
        let afterShip = ["dhl": "dhl_express", "dhl-global-mail": "dhl", "dhl-germany": "dhl", "canada-post": "canada_post",
                         "australia-post": "australia_post", "royal-mail": "royal_mail", "la-poste-colissimo": "la_poste",
                         "colissimo": "la_poste", "amazon-shipping": "amazon", "postnl-3s": "postnl", "postnl-international": "postnl",
                         "postnl-international-3s": "postnl", "dpd-de": "dpd", "dpd-uk": "dpd", "ups": "ups", "fedex": "fedex",
                         "Royal-Mail": "royal_mail", "new-courier": "new_courier"]
        for (slug, id) in afterShip { #expect(AfterShipText.carrierID(slug) == id, "\(slug)") }
        let easyPost = ["UPS": "ups", "FedEx": "fedex", "USPS": "usps", "DHLExpress": "dhl_express", "CanadaPost": "canada_post",
                        "AustraliaPost": "australia_post", "PostNL": "postnl", "DPD": "dpd", "GLS": "gls", "LaPoste": "la_poste",
                        "AmazonShipping": "amazon", "RoyalMail": "royalmail", "OnTrac": "ontrac"]
        for (name, id) in easyPost { #expect(EasyPostText.carrierID(name) == id, "\(name)") }
        #expect(EasyPostText.carrierID(nil) == "easypost")
    }

    @Test func sameCompanyIsSymmetricAndNamesRegisteredCarriers() {
        #expect(CarrierRegistry.sameCompany("dhl", "dhl_express") && CarrierRegistry.sameCompany("dhl_express", "dhl"))
        #expect(!CarrierRegistry.sameCompany("ups", "usps") && !CarrierRegistry.sameCompany("dhl", "unknown"))
        for carrier in CarrierRegistry.adapters {
            #expect(carrier.sameCompanyIDs.allSatisfy { CarrierRegistry.adapter(id: $0) != nil && $0 != carrier.id })
        }
    }

    @Test func webhooksOfUnknownCarriersCarryWaybillsSignature() {
        #expect(CarrierRegistry.webhookVerification(for: "generic") == .waybillSignature)
        #expect(CarrierRegistry.webhookVerification(for: "dhl") == .waybillSignature)
        #expect(CarrierRegistry.webhookVerification(for: "ups") == .echoedCredential)
    }

    @Test func pathSegmentsKeepOnlyLettersDigitsAndHyphens() {
        #expect(URLPathSegment.encode("1Z999AA10123456784") == "1Z999AA10123456784")
        #expect(URLPathSegment.encode("A-1_b~2") == "A-1_b~2")
        #expect(URLPathSegment.encode("../../admin") == "%2E%2E%2F%2E%2E%2Fadmin")
        #expect(URLPathSegment.encode("..") == "%2E%2E")
        #expect(URLPathSegment.encode("a b?c=1#d;e,f%g") == "a%20b%3Fc%3D1%23d%3Be%2Cf%25g")
        #expect(URLPathSegment.encode("Ä") == "%C3%84")
        #expect(URLPathSegment.encode("") == "")
    }

    /// Every carrier that puts a number into its request path keeps it in one segment.
    @Test func noCarrierLetsANumberLeaveItsPathSegment() throws {
        let hostile = "../../x?y=1#z"
        for adapter in CarrierRegistry.adapters {
            let request = adapter.trackingRequest(for: [hostile], configuration: CarrierConfiguration(baseURL: "https://carrier.example"))
            let url = try #require(URLComponents(string: request.url), "\(adapter.id): \(request.url)")
            #expect(!url.percentEncodedPath.contains(".."), "\(adapter.id): \(request.url)")
            #expect(url.fragment == nil, "\(adapter.id): \(request.url)")
            #expect(!(url.queryItems ?? []).contains { $0.name == "y" }, "\(adapter.id): \(request.url)")
        }
    }
}
