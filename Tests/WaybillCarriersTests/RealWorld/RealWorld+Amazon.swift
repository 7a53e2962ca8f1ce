/// `realworld/amazon/` and `realworld/a1_international/` (Amazon's tracking XML, read by the Amazon adapter).
extension RealWorldCorpus {
    static let amazon: [RealWorldCase] = [
        .init("amazon/fba-outbound-package-tracking-details.json", "amazon", .shipments([
            .init(trackingNumber: "1Z50V7420354708051", status: "delivered", deliveredAt: "2020-01-22T00:15:55.000Z",
                  signedBy: .some(nil), events: [
                      .e("in_transit", "2019-10-30T23:33:28.000Z"),
                      .e("delivered", "2020-01-22T00:15:55.000Z"),
                  ]),
        ]), note: "eventDate is an instant (Z); the example lists events newest first; EVENT_206 in transit to pickup location, EVENT_301 delivered"),
        .init("amazon/shipping-v1-tracking-sandbox-400.json", "amazon", .notices([.init(kind: .error, containing: "Invalid Input")])),
        .init("amazon/shipping-v1-tracking-sandbox-delivered.json", "amazon", .shipments([
            .init(trackingNumber: "TEST_CASE_200", status: "delivered", deliveredAt: "2019-04-04T06:45:12.000Z", events: [
                .e("delivered", "2019-04-04T06:45:12.000Z"),
            ]),
        ])),
        .init("amazon/shipping-v2-tracking-404.json", "amazon", .notices([.init(kind: .notFound, containing: "doesn't exist")])),
        .init("a1_international/amazon-tracking-xml-delivered-after-attempt.xml", "amazon", .shipments([
            .init(trackingNumber: "AZI1000521088", status: "delivered", deliveredAt: "2013-10-08T18:29:00.000Z", signedBy: .some(nil), events: [
                .e("in_transit", "2013-10-07T14:10:00.000Z"),
                .e("out_for_delivery", "2013-10-07T18:09:00.000Z"),
                .e("attempt_failed", "2013-10-08T02:19:00.000Z"),
                .e("out_for_delivery", "2013-10-08T12:38:00.000Z"),
                .e("delivered", "2013-10-08T18:29:00.000Z"),
            ]),
        ]), note: "EventDateTime carries -05:00 (CDT); EVENT_101 'left seller facility and is in transit'; SignedForByName 'Left at front desk' is a note, not a name"),
        .init("a1_international/amazon-tracking-xml-error.xml", "amazon",
              .notices([.init(kind: .notFound, containing: "No data exists")]), note: "ERROR_102: no data for the number"),
    ]
}
