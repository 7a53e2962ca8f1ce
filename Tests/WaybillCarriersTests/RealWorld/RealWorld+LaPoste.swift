/// `realworld/la_poste/`.
extension RealWorldCorpus {
    static let laPoste: [RealWorldCase] = [
        .init("la_poste/suivi-v2-404-not-found.json", "la_poste", .notices([.init(kind: .notFound, containing: "Not Found")])),
        .init("la_poste/suivi-v2-429-rate-limited.json", "la_poste", .notices([.init(kind: .error, containing: "Rate limited")]),
              note: "the Okapi gateway's {code, message} refusal, without returnCode"),
        .init("la_poste/suivi-v2-503-unavailable.json", "la_poste", .notices([.init(kind: .error, containing: "unavailable")]),
              note: "the Okapi gateway's {code, message} refusal, without returnCode"),
        .init("la_poste/suivi-v2-colissimo-in-transit.json", "la_poste", .shipments([
            .init(trackingNumber: "6A18987970674", status: "in_transit", deliveredAt: .some(nil), events: [
                .e("info_received", "2020-07-03T13:05:47.000Z"),
                .e("in_transit", "2020-07-03T23:25:12.000Z"),
            ]),
        ]), note: "events newest first with +02:00; DR1 declared by the sender, ET1 in the logistics network"),
    ]
}
