/// `realworld/canada_post/`.
///
/// Canada Post's `event-time-zone` names the zone of the scan, not its offset: September scans
/// say `EST`, `MST`, `PST` while daylight time was in force, and Saskatchewan (no daylight time)
/// gets its own `CSTNO`. So `EST` in September is -04:00.
extension RealWorldCorpus {
    static let canadaPost: [RealWorldCase] = [
        .init("canada_post/tracking-detail-attempted-pickup-at-po.xml", "canada_post", .shipments([
            .init(trackingNumber: "8193030646706337", status: "available_for_pickup", events: [
                .e("info_received", "2016-01-19T19:55:25.000Z", "manifest_received"),
                .e("in_transit", "2016-01-19T21:16:39.000Z", "picked_up"),
                .e("in_transit", "2016-01-20T00:20:49.000Z", "processed_at_facility"),
                .e("in_transit", "2016-01-20T11:17:34.000Z", "processed_at_facility"),
                .e("in_transit", "2016-01-20T12:26:17.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2016-01-20T12:33:56.000Z", "out_for_delivery"),
                .e("attempt_failed", "2016-01-20T13:06:20.000Z", reason: "consignee_not_home"),
                .e("in_transit", "2016-01-20T14:49:52.000Z"),
                .e("available_for_pickup", "2016-01-20T23:22:43.000Z", "awaiting_collection"),
            ]),
        ]), note: "EST in January is -05:00; 1479 is the attempt that left the notice card, 1701 the parcel waiting at the post office"),
        .init("canada_post/tracking-detail-delivered.xml", "canada_post", .shipments([
            .init(trackingNumber: "2001698038081172", status: "delivered", deliveredAt: "2015-09-23T17:59:59.000Z", signedBy: .some(nil), events: [
                .e("info_received", "2015-09-21T20:49:14.000Z", "manifest_received"),
                .e("in_transit", "2015-09-21T22:24:41.000Z", "processed_at_facility"),
                .e("in_transit", "2015-09-22T00:51:02.000Z"),
                .e("in_transit", "2015-09-22T22:56:07.000Z", "processed_at_facility"),
                .e("in_transit", "2015-09-23T10:52:26.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2015-09-23T14:38:06.000Z", "out_for_delivery"),
                .e("delivered", "2015-09-23T17:59:59.000Z"),
            ]),
        ]), note: "September: PST is Pacific daylight time (-07:00) in Richmond BC, MST Mountain daylight time (-06:00) in Calgary; the empty zone is read from the province (BC)"),
        .init("canada_post/tracking-detail-departed.xml", "canada_post", .shipments([
            .init(trackingNumber: "2116634025912396", status: "in_transit", events: [
                .e("info_received", "2016-03-07T20:38:34.000Z", "manifest_received"),
                .e("in_transit", "2016-03-07T21:03:11.000Z", "picked_up"),
                .e("in_transit", "2016-03-07T23:46:51.000Z", "processed_at_facility"),
                .e("in_transit", "2016-03-07T23:51:01.000Z", "processed_at_facility"),
                .e("in_transit", "2016-03-08T16:13:29.000Z", "arrived_facility"),
                .e("in_transit", "2016-03-08T16:35:55.000Z", "departed_facility"),
            ]),
        ]), note: "before daylight time (13 Mar 2016): EST -05:00, CST -06:00; CSTNO is Saskatchewan's Central time without daylight saving (-06:00)"),
        .init("canada_post/tracking-detail-electronic-info-only.xml", "canada_post", .shipments([
            .init(trackingNumber: "2046989277836191", status: "info_received", events: [
                .e("info_received", "2015-09-30T20:56:50.000Z", "manifest_received"),
            ]),
        ]), note: "the shipper's data is stamped EST although the site is Saskatoon: Eastern time, daylight (-04:00) in September"),
        .init("canada_post/tracking-detail-en-route.xml", "canada_post", .shipments([
            .init(trackingNumber: "7316971138510136", status: "in_transit", events: [
                .e("in_transit", "2015-09-30T22:34:49.000Z", "processed_at_facility"),
                .e("in_transit", "2015-10-01T03:16:05.000Z", "picked_up"),
                .e("info_received", "2015-10-01T03:42:05.000Z", "manifest_received"),
                .e("in_transit", "2015-10-01T10:04:27.000Z", "processed_at_facility"),
            ]),
        ]), note: "Ontario in September/October 2015 is -04:00 (EST names the zone); the empty zone at Mississauga ON is read from the province"),
        .init("canada_post/tracking-detail-intl-delivered.xml", "canada_post", .shipments([
            .init(trackingNumber: "LM029042024CA", status: "delivered", signedBy: .some(nil), events: [
                .e("info_received", nil, "manifest_received", local: "2015-10-28"),
                .e("in_transit", nil, "picked_up", local: "2015-10-29"),
                .e("in_transit", nil, "processed_at_facility", local: "2015-10-29"),
                .e("in_transit", nil, local: "2015-10-30"),
                .e("in_transit", nil, "arrived_facility", local: "2015-10-30"),
                .e("out_for_delivery", nil, "out_for_delivery", local: "2015-11-02"),
                .e("delivered", nil, local: "2015-11-02"),
            ]),
        ], notices: ["time zone"]), note: "every scan is 00:00:00 with no zone and no place: dates only, no instant"),
        .init("canada_post/tracking-messages-error.xml", "canada_post",
              .notices([.init(kind: .notFound, containing: "No Pin History")])),
    ]
}
