/// `realworld/gls/`: GLS's public tracking JSON (`tuStatus`), German texts, local times without
/// zone read in the zone of each scan's country (DE, ES: CET, +01:00 in January and November).
extension RealWorldCorpus {
    static let gls: [RealWorldCase] = [
        .init("gls/tustatus-delivered-german.json", "gls", .shipments([
            .init(trackingNumber: "50346007538", status: "delivered", deliveredAt: "2016-01-08T17:09:21.000Z", signedBy: "TANGER", events: [
                .e("info_received", "2016-01-05T13:19:14.000Z"),
                .e("in_transit", "2016-01-05T17:57:40.000Z", "picked_up"),
                .e("in_transit", "2016-01-06T18:28:58.000Z", "arrived_facility"),
                .e("in_transit", "2016-01-06T18:30:41.000Z", "arrived_facility"),
                .e("in_transit", "2016-01-06T18:30:41.000Z", "departed_facility"),
                .e("in_transit", "2016-01-07T06:18:57.000Z", "arrived_facility"),
                .e("out_for_delivery", "2016-01-07T06:24:34.000Z"),
                .e("attempt_failed", "2016-01-07T12:22:00.000Z"),
                .e("attempt_failed", "2016-01-07T12:23:41.000Z", reason: "consignee_not_home"),
                .e("attempt_failed", "2016-01-07T12:23:41.000Z"),
                .e("available_for_pickup", "2016-01-07T12:41:04.000Z"),
                .e("available_for_pickup", "2016-01-07T13:04:10.000Z"),
                .e("delivered", "2016-01-08T17:09:21.000Z"),
            ]),
        ]), note: "history newest first; 'TANGER(2760236908)' is the signer and the ParcelShop id (psID 2760236908); the notification card follows the failed attempt"),
        .init("gls/tustatus-in-transit-german.json", "gls", .shipments([
            .init(trackingNumber: "32631986451", status: "in_transit", deliveredAt: .some(nil), signedBy: .some(nil), events: [
                .e("info_received", "2018-11-14T09:26:36.000Z"),
                .e("in_transit", "2018-11-14T18:29:38.000Z", "picked_up"),
                .e("in_transit", "2018-11-14T18:29:38.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-14T23:56:43.000Z", "departed_facility"),
                .e("in_transit", "2018-11-15T23:00:48.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-15T23:00:49.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-16T05:45:13.000Z", "arrived_facility"),
                .e("out_for_delivery", "2018-11-16T05:49:33.000Z"),
                .e("delivered", "2018-11-16T12:56:34.000Z"),
                .e("in_transit", "2018-11-16T17:55:35.000Z", "departed_facility"),
            ]),
        ], notices: ["delivery scan"]), note: "the Erding delivery scan is followed by a departure from Neuenstein and GLS's own status is INTRANSIT: the scan is kept as information, the parcel is in transit; signature 'true' is no name"),
        .init("gls/tustatus-parcelshop-pickup-german.json", "gls", .shipments([
            .init(trackingNumber: "32631986704", status: "available_for_pickup", deliveredAt: .some(nil), signedBy: .some(nil), events: [
                .e("info_received", "2018-11-14T13:09:06.000Z"),
                .e("in_transit", "2018-11-14T18:29:52.000Z", "picked_up"),
                .e("in_transit", "2018-11-14T18:29:52.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-14T23:56:52.000Z", "departed_facility"),
                .e("in_transit", "2018-11-15T23:00:50.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-15T23:00:51.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-16T03:50:51.000Z", "arrived_facility"),
                .e("out_for_delivery", "2018-11-16T05:49:24.000Z"),
                .e("attempt_failed", "2018-11-16T11:21:47.000Z", reason: "consignee_not_home"),
                .e("attempt_failed", "2018-11-16T15:25:52.000Z"),
                .e("in_transit", "2018-11-16T21:38:00.000Z", "arrived_facility"),
                .e("in_transit", "2018-11-19T03:21:40.000Z", "arrived_facility"),
                .e("out_for_delivery", "2018-11-19T05:40:20.000Z"),
                .e("attempt_failed", "2018-11-19T09:20:25.000Z", reason: "consignee_not_home"),
                .e("available_for_pickup", "2018-11-19T09:22:03.000Z", "awaiting_collection"),
                .e("available_for_pickup", "2018-11-19T09:47:21.000Z", "awaiting_collection"),
            ]),
        ]), note: "two failed attempts, then 'im GLS PaketShop zugestellt' (statusInfo DELIVEREDPS): waiting for collection at the shop"),
    ]
}
