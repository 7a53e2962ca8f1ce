import Foundation

/// `realworld/easypost/`.
extension RealWorldCorpus {
    static let easyPost: [RealWorldCase] = [
        .init("easypost/trackers-list-page2-in-transit.json", "easypost", .shipments([
            usps("9400100105807075196993", second: 50),
            usps("9400100105807075196894", second: 41),
            usps("9400100105807075196863", second: 39),
            usps("9400100105807075196832", second: 37),
            usps("9400100105807075196801", second: 35),
        ]), note: "datetime ...Z is an instant (EasyPost docs: the zone is applied when the place is known); test mode counts its schedule from the tracker's creation, so every scan is before updated_at"),
        .init("easypost/trackers-list-page2-mixed.json", "easypost", .shipments([
            labelOnly("9400100105807076062624", second: 29),
            labelOnly("9400100105807076062549", second: 24),
            inTransitJuly16("9400100105807076062532", second: 21),
            inTransitJuly16("9400100105807076062518", second: 18),
            inTransitJuly16("9400100105807076062464", second: 13),
        ]), note: "same reading; the two pre_transit trackers have only the pre-shipment and label scans"),
    ]

    /// A test-mode USPS tracker of the in-transit page: scans at fixed hours, the seconds of each tracker.
    private static func usps(_ number: String, second: Int) -> RealWorldCase.Shipment {
        let s = String(format: "%02d", second)
        return .init(trackingNumber: number, status: "in_transit", deliveredAt: .some(nil), signedBy: .some(nil), events: [
            .e("info_received", "2024-07-14T17:40:\(s).000Z"),
            .e("info_received", "2024-07-15T06:17:\(s).000Z"),
            .e("in_transit", "2024-07-15T16:22:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-16T17:58:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-16T20:49:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-17T02:29:\(s).000Z"),
        ])
    }

    private static func labelOnly(_ number: String, second: Int) -> RealWorldCase.Shipment {
        let s = String(format: "%02d", second)
        return .init(trackingNumber: number, status: "info_received", deliveredAt: .some(nil), events: [
            .e("info_received", "2024-07-16T15:57:\(s).000Z"),
            .e("info_received", "2024-07-17T04:34:\(s).000Z"),
        ])
    }

    private static func inTransitJuly16(_ number: String, second: Int) -> RealWorldCase.Shipment {
        let s = String(format: "%02d", second)
        return .init(trackingNumber: number, status: "in_transit", deliveredAt: .some(nil), events: [
            .e("info_received", "2024-07-16T15:58:\(s).000Z"),
            .e("info_received", "2024-07-17T04:35:\(s).000Z"),
            .e("in_transit", "2024-07-17T14:40:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-18T16:16:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-18T19:07:\(s).000Z", "arrived_facility"),
            .e("in_transit", "2024-07-19T00:47:\(s).000Z"),
        ])
    }
}
