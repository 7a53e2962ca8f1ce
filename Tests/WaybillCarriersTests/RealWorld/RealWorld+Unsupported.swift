/// Carriers Waybill has no adapter for. Their payloads must not be mistaken for a known carrier's
/// format (a wrong adapter would read them into wrong events, or into nothing without a word).
extension RealWorldCorpus {
    static let unsupported: [RealWorldCase] = [
        RealWorldCase("asendia/asendia-us-milestones-delivered-th.json", "", .unsupported),
        RealWorldCase("bpost/item-tracking-delivered-pickup-point.xml", "", .unsupported),
        RealWorldCase("canpar/trackbybarcode-delivered.xml", "", .unsupported),
        RealWorldCase("chronopost/tracking-skybill-v2-delivered.xml", "", .unsupported),
        RealWorldCase("geodis/suivi-express-france.json", "", .unsupported),
        RealWorldCase("lasership/delivered.json", "", .unsupported),
        RealWorldCase("lasership/en-route.json", "", .unsupported),
        RealWorldCase("lasership/released.json", "", .unsupported),
        RealWorldCase("prestige/delivered.json", "", .unsupported),
        RealWorldCase("purolator/trackpackagesbypin-doc-example.xml", "", .unsupported),
        RealWorldCase("seko/omniparcel-gls-delivered.json", "", .unsupported),
        RealWorldCase("seko/omniparcel-international-transit.json", "", .unsupported),
        RealWorldCase("sendle/tracking-delivered.json", "", .unsupported),
        RealWorldCase("tnt/trackresponse-consignments.xml", "", .unsupported,
                      note: "TNT's <TrackResponse><Consignment> shares its root name with USPS's <TrackResponse><TrackInfo>"),
    ]
}
