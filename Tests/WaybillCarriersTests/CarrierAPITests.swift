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
}
