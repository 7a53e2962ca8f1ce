/// `realworld/australia_post/`.
extension RealWorldCorpus {
    static let australiaPost: [RealWorldCase] = [
        .init("australia_post/querytrackevents-invalid-id.json", "australia_post",
              .notices([.init(kind: .notFound, containing: "Invalid tracking ID")]),
              note: "legacy QueryTrackEvents: BusinessException 1401 for the (numeric) id 123"),
        .init("australia_post/querytrackevents-multiple-articles.json", "australia_post", .shipments([
            .init(trackingNumber: "12345", status: "delivered", signedBy: "A POST", events: [
                .e("delivered", "2008-12-10T01:12:12.000Z"),
                .e("delivered", "2010-06-21T02:12:12.000Z"),
                .e("delivered", "2010-06-21T02:21:12.000Z"),
            ]),
        ], notices: ["no tracking events", "read as text"]),
              note: "CZ299999784AU has EventCount 0 (nothing to track yet); 12345 is sent as a number; events newest first"),
        .init("australia_post/querytrackevents-no-events.json", "australia_post",
              .notices([.init(kind: .notFound, containing: "no tracking events")]),
              note: "EventCount 0 and no Events element"),
        .init("australia_post/querytrackevents-single-article.json", "australia_post", .shipments([
            .init(trackingNumber: "1234", status: "in_transit", events: [
                .e("out_for_delivery", "2010-07-06T01:27:53.000Z", "out_for_delivery"),
                .e("in_transit", "2011-09-04T02:14:22.000Z"),
            ]),
        ], notices: ["read as text"]), note: "TrackingResult is one object, TrackingID a number; 'Onboard with driver' (+09:30, Adelaide) is out for delivery"),
        .init("australia_post/track-results-fixture-mixed.json", "australia_post", .shipments([
            .init(trackingNumber: "ajlajsdlj", status: "delivered", events: [
                .e("delivered", "2014-07-04T02:11:32.000Z"),
                .e("attempt_failed", "2014-08-08T05:46:22.000Z"),
                .e("in_transit", "2014-08-08T05:46:58.000Z"),
                .e("available_for_pickup", "2014-08-15T03:59:55.000Z", "awaiting_collection"),
                .e("in_transit", "2014-09-16T23:30:41.000Z", "processed_at_facility"),
            ]),
        ], notices: ["Invalid tracking ID"]),
              note: "assembled fixture: the delivery is the oldest event and stays final (no return or exception follows); two ESB-10001 ids"),
    ]
}
