/// Every format the detector knows, one table per carrier family. Order breaks confidence ties:
/// the carrier that ships more of an ambiguous shape comes first.
enum TrackingNumberFormats {
    static let all: [TrackingNumberFormat] =
        UPSFormats.all + USPSFormats.all + FedExFormats.all + S10Formats.all + DHLFormats.all
        + AmazonFormats.all + OnTracFormats.all + LaserShipFormats.all + CanadaPostFormats.all
        + PurolatorFormats.all + DPDFormats.all + PostNLFormats.all + GLSFormats.all + RegionalCarrierFormats.all
        + GS1Formats.all
}
