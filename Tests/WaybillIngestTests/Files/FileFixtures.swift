import Foundation

/// Small files of each format, written for these tests.
enum FileFixtures {
    /// Two interchanges: the first with two good 214s, the second with a 214 whose SE01 count is
    /// wrong (rejected, AK5 R with code 4) beside a good one.
    static let x12 = """
        ISA*00*          *00*          *ZZ*ABCD           *ZZ*MERCHANT       *261120*1200*U*00401*000000101*0*P*>~\
        GS*QM*ABCD*MERCHANT*20261120*1200*1001*X*004010~\
        ST*214*0001~B10*PRO7001*SHIP-A*ABCD~LX*1~AT7*AF*NS***20261118*0915*CT~MS1*CHICAGO*IL*US~\
        LX*2~AT7*D1*NS***20261120*1432*ET~MS1*ATLANTA*GA*US~SE*9*0001~\
        ST*214*0002~B10*PRO7002*SHIP-B*ABCD~LX*1~AT7*X6*NS***20261119*2210*CT~MS1*NASHVILLE*TN*US~SE*6*0002~\
        GE*2*1001~IEA*1*000000101~
        ISA*00*          *00*          *ZZ*ABCD           *ZZ*MERCHANT       *261120*1300*U*00401*000000102*0*P*>~\
        GS*QM*ABCD*MERCHANT*20261120*1300*1002*X*004010~\
        ST*214*0003~B10*PRO7003*SHIP-C*ABCD~LX*1~AT7*AF*NS***20261119*0800*ET~MS1*NEWARK*NJ*US~SE*9*0003~\
        ST*214*0004~B10*PRO7004*SHIP-D*ABCD~LX*1~AT7*D1*NS***20261120*1620*ET~MS1*NEWARK*NJ*US~SE*6*0004~\
        GE*2*1002~IEA*1*000000102~

        """

    static let shipmentsCSV = """
        tracking_number,carrier,order_id,email,postal_code,meta_channel
        1Z999AA10123456784,ups,ORD-1,ann@example.com,60601,web
        JJD000390007,dhl,ORD-2,not-an-email,10115,app
        9400100000000000000000,usps,ORD-3,carol@example.com,10001,web

        """

    /// `shipments` shipments with three events each; a bad row after the first shipment.
    static func eventsCSV(shipments: Int) -> String {
        var lines = ["tracking_number,carrier,status,occurred_at,description,city,country"]
        for index in 0..<shipments {
            let number = "WB" + String(format: "%08d", index)
            lines.append("\(number),csv,info_received,2026-11-20T08:00:00-05:00,Label created,Atlanta,US")
            lines.append("\(number),csv,in_transit,2026-11-21T09:30:00-05:00,Departed,Atlanta,US")
            lines.append("\(number),csv,delivered,2026-11-22T14:05:00-06:00,Delivered,Chicago,US")
            if index == 0 { lines.append("\(number),csv,teleported,2026-11-22T15:00:00-06:00,Beamed,Chicago,US") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
