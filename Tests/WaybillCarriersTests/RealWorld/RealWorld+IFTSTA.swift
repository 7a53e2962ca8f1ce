/// `realworld/iftsta/`: EDIFACT IFTSTA interchanges of European forwarders and GS1's example.
/// Times without an offset are local to the event's place; where neither the event nor the
/// message's parties name a country, the instant is unknown and the local time is kept.
extension RealWorldCorpus {
    static let iftsta: [RealWorldCase] = [
        RealWorldCase(
            "iftsta/dachser-d01c-in-zustellung.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "04432542701", status: "out_for_delivery", events: [
                    .e("out_for_delivery", "2020-11-03T06:49:00.000Z", "out_for_delivery", local: "2020-11-03T07:49:00"),
                ]),
                .init(trackingNumber: "04432542697", status: "out_for_delivery", events: [
                    .e("out_for_delivery", "2020-11-03T06:29:00.000Z", "out_for_delivery"),
                ]),
                .init(trackingNumber: "04432639263", status: "out_for_delivery", events: [
                    .e("out_for_delivery", "2020-11-03T06:54:00.000Z", "out_for_delivery"),
                ]),
                .init(trackingNumber: "04432639266", status: "out_for_delivery", events: [
                    .e("out_for_delivery", "2020-11-03T06:31:00.000Z", "out_for_delivery"),
                ]),
            ]),
            note: "Dachser code 113 with its text IN ZUSTELLUNG in the reason; DTM+9 is local to the Dachser branch of NAD+CS (Germany, CET after 25 Oct)"),
        RealWorldCase(
            "iftsta/dbschenker-air-d97a-booked.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "7507100596", status: "info_received", events: [
                    .e("info_received", nil, local: "2021-07-15T19:27:00"),
                ]),
            ], notices: ["read as format 204", "read as format 205"]),
            note: "STS+1:BKD is IATA Cargo-IMP 'booked'; DTM+145 (event date) has seconds under format 203 and no place, so no zone; FRA and KIX are the airports of departure and destination, not the event's place"),
        RealWorldCase(
            "iftsta/emons-ean002-concatenated.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "1324356", status: "delivered", deliveredAt: .some(nil), signedBy: "Blasen", events: [
                    .e("delivered", nil, local: "2020-11-03T10:45:00"),
                    .e("delivered", nil, local: "2020-11-03T10:45:00"),
                ]),
            ]),
            note: "two interchanges; codes 681 and 360 are Emons' own, each with NAD+AP (the accepting party) Blasen, so the goods were accepted; no place or country anywhere, so no zone"),
        RealWorldCase(
            "iftsta/geis-d96a-single.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "9005800005795004", status: "in_transit", events: [
                    .e("in_transit", "2019-01-15T07:33:00.000Z", "arrived_facility", local: "2019-01-15T08:33:00"),
                ]),
            ]),
            note: "Rec. 24 code 40 (arrival); the only party, Geis (NAD+FW), is in Nürnberg DE, so DTM+9 is German time (CET)"),
        RealWorldCase(
            "iftsta/gs1-eancom-d01b-example-no-unb.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "4215A", status: "delivered", events: [
                    .e("delivered", nil, local: "2002-02-01T14:50:00"),
                ]),
                .init(trackingNumber: "5122C", status: "in_transit", events: [
                    .init(status: "in_transit", occurredAt: .some(nil), localTime: .some(nil)),
                ]),
                .init(trackingNumber: "5145E", status: "exception", events: [
                    .e("exception", nil, "held_by_customs", local: "2002-01-15"),
                ]),
                .init(trackingNumber: "7655S", status: "delivered", events: [
                    .e("exception", nil, "lost", local: "2002-01-28"),
                    .e("delivered", nil, local: "2002-01-28"),
                ]),
            ], notices: ["no UNB"]),
            note: "parties are GLNs only, so no zone; 40E is an expected date (after the message date), not the en-route event's; 17 is customs clearance refused; 7655S: package 1 lost, then the same 'delivered' for packages 2 and 3, read once"),
        RealWorldCase(
            "iftsta/hellmann-d96a-latin1.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "0081083000", status: "out_for_delivery", events: [
                    .e("out_for_delivery", nil, "out_for_delivery", local: "2015-03-10T07:25:00"),
                ]),
            ]),
            note: "ISO 8859-1 Ä; code BV2 is Hellmann's own, its FTX text says 'IN ZUSTELLUNG'; DTM+334 before DTM+7; no place, so no zone"),
        RealWorldCase(
            "iftsta/hellmann-ean002-format204.edifact", "iftsta",
            .shipments(["0081827781", "0081823228", "0081823216", "0081829141", "0081823229"].map { number in
                .init(trackingNumber: number, status: "in_transit", events: [
                    .e("in_transit", nil, local: "2017-09-08"),
                ])
            }),
            note: "060 (agency ZZZ) 'Weitergeleitet in Produktionsgebiet' = forwarded; the time 000000 of every DTM+334 is a placeholder (message sent 18:05), so a date"),
        RealWorldCase(
            "iftsta/kuehne-nagel-d96a-multi-message.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "6307274023016009", status: "delivered", signedBy: "Herr Walter", events: [
                    .e("in_transit", nil, local: "2020-10-09T08:12:00"),
                    .e("in_transit", nil, local: "2020-10-09T10:18:00"),
                    .e("delivered", nil, local: "2020-10-09T10:18:00"),
                ]),
                .init(trackingNumber: "6307274023068008", status: "in_transit", events: [
                    .e("in_transit", nil, local: "2020-10-09T21:25:00"),
                ]),
                .init(trackingNumber: "6307274023120003", status: "in_transit", events: [
                    .e("in_transit", nil, local: "2020-10-09T21:26:00"),
                ]),
            ]),
            note: "CNI+1 has no number: the shipment number is RFF+SRN before it (CR is the customer's reference); 500/501/U02 are K+N's own codes without text; 600 names the accepting party; no place, so no zone"),
        RealWorldCase(
            "iftsta/schaeflein-d96a-utf8.edifact", "iftsta",
            .shipments([
                .init(trackingNumber: "5323", status: "in_transit", events: [
                    .e("in_transit", nil, local: "2019-05-02T15:00:00"),
                ]),
            ]),
            note: "code 50 of list CL is Schäflein's own, without text: kept as in transit, unmapped; no country, so no zone"),
    ]
}
