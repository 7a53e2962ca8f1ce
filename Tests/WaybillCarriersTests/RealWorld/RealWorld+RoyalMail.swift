/// `realworld/royal_mail/`.
extension RealWorldCorpus {
    static let royalMail: [RealWorldCase] = [
        .init("royal_mail/mailpieces-v2-summary-with-error-object.json", "royal_mail", .shipments([
            .init(trackingNumber: "090367574000000FE1E1B", status: "in_transit", deliveredAt: .some(nil), signedBy: .some(nil), events: [
                .e("in_transit", "2016-10-20T09:04:00.000Z", reason: "missorted"),
            ]),
        ], notices: ["not recognised"]), note: "the item carries both a summary (EVNMI Forwarded - Mis-sort, +01:00) and error E1142: both are kept"),
    ]
}
