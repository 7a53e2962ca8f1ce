/// `realworld/ups/`.
extension RealWorldCorpus {
    static let ups: [RealWorldCase] = [
        RealWorldCase("ups/track-v1-delivered-adrian-mi.json", "ups", .shipments([
            .init(trackingNumber: "1ZR760R60332160282", status: "delivered", deliveredAt: "2021-10-21T18:33:16.000Z", signedBy: .some(nil), events: [
                .e("info_received", nil, "label_created", local: "2021-10-18T14:02:29"),
                .e("in_transit", "2021-10-19T17:18:00.000Z", "picked_up", local: "2021-10-19T12:18:00"),
                .e("in_transit", "2021-10-20T01:09:52.000Z", local: "2021-10-19T20:09:52"),
                .e("in_transit", "2021-10-20T02:59:00.000Z", "departed_facility", local: "2021-10-19T21:59:00"),
                .e("in_transit", "2021-10-20T03:24:00.000Z", "arrived_facility", local: "2021-10-19T22:24:00"),
                .e("in_transit", "2021-10-20T13:20:00.000Z", "departed_facility", local: "2021-10-20T08:20:00"),
                .e("in_transit", "2021-10-20T21:57:00.000Z", "arrived_facility"),
                .e("in_transit", "2021-10-21T04:27:00.000Z", "departed_facility"),
                .e("in_transit", "2021-10-21T05:15:00.000Z", "arrived_facility"),
                .e("in_transit", "2021-10-21T08:27:12.000Z", "processed_at_facility"),
                .e("out_for_delivery", "2021-10-21T13:22:15.000Z", "out_for_delivery"),
                .e("delivered", "2021-10-21T18:33:16.000Z"),
            ]),
        ]), note: "local times only (no gmtOffset): Maumee OH and Adrian MI are Eastern (EDT, -04:00); Tennessee spans two zones and no ZIP is given, but Nashville is Central (CDT, -05:00 in October); the label scan names only the country; XD is a drop-off at a UPS location"),
        RealWorldCase("ups/trackalert-v1-delivered.json", "ups", .shipments([
            .init(trackingNumber: "1Z204W4R0308071865", status: "delivered", deliveredAt: "2024-04-23T13:50:04.000Z", signedBy: .some(nil), events: [
                .e("delivered", "2024-04-23T13:50:04.000Z", local: "2024-04-23T09:50:04"),
            ]),
        ]), note: "gmtActivityTime 13:50:04 beside local 09:50:04 (Charlotte NC, EDT)"),
        RealWorldCase("ups/trackalert-v1-on-the-way-local-date-before-gmt.json", "ups", .shipments([
            .init(trackingNumber: "1ZABCXYZ0112346789", status: "in_transit", events: [
                .e("in_transit", "2024-04-23T01:29:01.000Z", local: "2024-04-22T21:29:01"),
            ]),
        ]), note: "the GMT date is a day after the local date: 21:29 EDT on the 22nd is 01:29Z on the 23rd"),
        RealWorldCase("ups/trackalert-v1-preparing-for-delivery.json", "ups", .shipments([
            .init(trackingNumber: "1ZABCXYZ0112346789", status: "in_transit", events: [
                .e("in_transit", "2024-04-23T04:30:52.000Z", "processed_at_facility", local: "2024-04-23T00:30:52"),
            ]),
        ]), note: "YP / 071 'Preparing for Delivery' is a facility scan before the vehicle is loaded, not out for delivery"),
    ] + legacyXML.map { RealWorldCase("ups/\($0)", "ups", .unsupported, note: "UPS XML Tracking API, retired by UPS in 2024: refused by name") }

    static let legacyXML = [
        "xml-track-delivered-no-activity.xml", "xml-track-delivery-attempts-weather.xml", "xml-track-error-10002.xml",
        "xml-track-out-for-delivery.xml", "xml-track-rescheduled.xml", "xml-track-two-packages.xml",
    ]
}
