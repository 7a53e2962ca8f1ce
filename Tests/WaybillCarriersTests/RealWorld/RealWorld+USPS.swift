/// `realworld/usps/`.
extension RealWorldCorpus {
    static let usps: [RealWorldCase] = [
        RealWorldCase("usps/track-summary-detail-text-front-desk.xml", "usps", .shipments([
            .init(trackingNumber: "9361289949034102283511", status: "delivered", deliveredAt: "2013-10-12T18:16:00.000Z", signedBy: .some(nil), events: [
                .e("info_received", nil, "manifest_received", local: "2013-10-12"),
                .e("in_transit", "2013-10-12T10:26:00.000Z", "picked_up"),
                .e("in_transit", "2013-10-12T10:32:00.000Z", "arrived_facility"),
                .e("in_transit", "2013-10-12T14:06:00.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2013-10-12T14:16:00.000Z", "out_for_delivery"),
                .e("delivered", "2013-10-12T18:16:00.000Z", local: "2013-10-12T14:16:00"),
            ]),
        ]), note: "free-text lines without codes; Brooklyn NY in October 2013 is EDT (-04:00); the manifest line gives a date only"),
        RealWorldCase("usps/track-summary-detail-text-notice-left.xml", "usps", .shipments([
            .init(trackingNumber: "EJ958083578US", status: "delivered", deliveredAt: .some(nil), signedBy: .some(nil), events: [
                .e("in_transit", nil, "picked_up", local: .some(nil)),
                .e("in_transit", nil, "arrived_facility", local: .some(nil)),
                .e("attempt_failed", nil, local: .some(nil)),
                .e("delivered", nil, local: .some(nil)),
            ]),
        ], notices: ["without a year"]), note: "'May 30 11:07 am' and 'June 1' carry no year, so no time can be kept; the lines keep their text; listed newest first"),
        RealWorldCase("usps/trackv2-arrived-predicted-eta.xml", "usps", .shipments([
            .init(trackingNumber: "9400110899236540285381", status: "in_transit", deliveredAt: .some(nil), events: [
                .e("info_received", "2015-09-21T20:54:00.000Z", "label_created"),
                .e("in_transit", "2015-09-22T20:05:00.000Z", "picked_up"),
                .e("in_transit", "2015-09-23T00:15:00.000Z", "departed_facility"),
                .e("in_transit", "2015-09-23T18:59:00.000Z", "arrived_facility"),
                .e("in_transit", "2015-09-24T05:55:00.000Z", "departed_facility"),
                .e("in_transit", "2015-09-25T06:12:00.000Z", "arrived_facility"),
                .e("in_transit", "2015-09-25T11:24:00.000Z", "arrived_facility", local: "2015-09-25T04:24:00"),
            ]),
        ]), note: "California in September 2015 is PDT (-07:00); code 10 says 'Arrived at USPS ... Facility' here"),
        RealWorldCase("usps/trackv2-delivered-chicago.xml", "usps", .shipments([
            .init(trackingNumber: "9400110200828077631698", status: "delivered", deliveredAt: "2014-02-13T18:24:00.000Z", signedBy: .some(nil), events: [
                .e("in_transit", "2014-02-10T19:31:00.000Z", "picked_up"),
                .e("info_received", nil, "manifest_received", local: "2014-02-10"),
                .e("in_transit", "2014-02-10T23:19:00.000Z", "processed_at_facility"),
                .e("in_transit", nil, "departed_facility", local: "2014-02-10"),
                .e("in_transit", "2014-02-12T13:48:00.000Z", "processed_at_facility"),
                .e("in_transit", "2014-02-12T22:16:00.000Z", "arrived_facility"),
                .e("in_transit", "2014-02-13T14:26:00.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2014-02-13T14:36:00.000Z", "out_for_delivery"),
                .e("delivered", "2014-02-13T18:24:00.000Z"),
            ]),
        ]), note: "California scans PST (-08:00), Illinois CST (-06:00); MA and EF carry a date without a time; code 10 is 'Processed' here"),
        RealWorldCase("usps/trackv2-invalid-xml-error.xml", "usps", .notices([.init(kind: .error, containing: "Invalid XML")])),
        RealWorldCase("usps/trackv2-out-for-delivery.xml", "usps", .shipments([
            .init(trackingNumber: "9361289949059120447349", status: "out_for_delivery", deliveredAt: .some(nil), events: [
                .e("info_received", nil, "manifest_received", local: "2014-03-01"),
                .e("in_transit", "2014-03-02T05:54:00.000Z", "picked_up"),
                .e("in_transit", "2014-03-02T06:55:00.000Z", "arrived_facility"),
                .e("in_transit", "2014-03-02T12:59:00.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2014-03-02T13:09:00.000Z", "out_for_delivery"),
            ]),
        ]), note: "New York on 2 March 2014 is still EST (-05:00)"),
        RealWorldCase("usps/trackv2-pre-shipment.xml", "usps", .shipments([
            .init(trackingNumber: "9274890109527000983902", status: "info_received", deliveredAt: .some(nil), events: [
                .e("info_received", nil, "manifest_received", local: "2014-02-28"),
            ]),
        ])),
        RealWorldCase("usps/trackv2-test-error.xml", "usps", .notices([.init(kind: .error, containing: "not been included in this Test Server")])),
    ]
}
