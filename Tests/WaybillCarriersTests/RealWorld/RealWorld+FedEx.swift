/// `realworld/fedex/`.
extension RealWorldCorpus {
    static let fedEx: [RealWorldCase] = [
        RealWorldCase("fedex/track-v1-error-503-openapi.json", "fedex", .notices([
            .init(kind: .error, containing: "service is currently unavailable"),
        ])),
    ] + fedExWebServices.map { RealWorldCase("fedex/\($0)", "fedex", .unsupported, note: "FedEx Web Services (SOAP TrackReply), retired by FedEx in 2024: refused by name") }

    static let fedExWebServices = [
        "ws-trackreply-delivered-at-facility.xml", "ws-trackreply-not-found.xml", "ws-trackreply-shipment-exception.xml",
        "ws-trackreply-v14-label-created.xml", "ws-trackreply-v5-delivered-front-door.xml", "ws-trackreply-v5-smartpost-no-location.xml",
    ]
}
