/// The zone of the larger cities of regions split between zones, where a carrier gives the city
/// and the region but no postal code (UPS activity locations: "NASHVILLE, TN"). The region alone
/// decides nothing there (`RegionZones` answers nil); the city does. Only cities whose whole
/// area is in one zone are listed (tzdb `America/...` rows; standards.md §4.3).
enum CityZones {
    /// Country and region code → city (upper case) → zone.
    static let table: [String: [String: String]] = [
        "US-TN": cities(eastern: ["KNOXVILLE", "CHATTANOOGA", "JOHNSON CITY", "KINGSPORT", "BRISTOL", "OAK RIDGE", "CLEVELAND",
                                  "MORRISTOWN", "MARYVILLE", "ATHENS", "GREENEVILLE", "ELIZABETHTON", "SEVIERVILLE"],
                        central: ["NASHVILLE", "MEMPHIS", "CLARKSVILLE", "MURFREESBORO", "JACKSON", "FRANKLIN", "COLUMBIA",
                                  "COOKEVILLE", "SMYRNA", "BRENTWOOD", "HENDERSONVILLE", "LA VERGNE", "LEBANON", "GALLATIN",
                                  "MOUNT JULIET", "BARTLETT", "COLLIERVILLE", "GERMANTOWN", "SPRING HILL", "TULLAHOMA"]),
        "US-KY": cities(eastern: ["LOUISVILLE", "LEXINGTON", "FRANKFORT", "COVINGTON", "FLORENCE", "HEBRON", "ERLANGER",
                                  "RICHMOND", "GEORGETOWN", "ASHLAND", "ELIZABETHTOWN", "NICHOLASVILLE", "SHEPHERDSVILLE"],
                        central: ["BOWLING GREEN", "OWENSBORO", "PADUCAH", "HOPKINSVILLE", "HENDERSON", "MADISONVILLE", "MURRAY"]),
        "US-IN": cities(eastern: ["INDIANAPOLIS", "FORT WAYNE", "SOUTH BEND", "BLOOMINGTON", "LAFAYETTE", "MUNCIE", "CARMEL",
                                  "FISHERS", "PLAINFIELD", "KOKOMO", "ANDERSON", "NOBLESVILLE", "GREENWOOD", "ELKHART",
                                  "TERRE HAUTE", "RICHMOND", "COLUMBUS"],
                        central: ["EVANSVILLE", "GARY", "HAMMOND", "MERRILLVILLE", "VALPARAISO", "MICHIGAN CITY", "PORTAGE",
                                  "CROWN POINT", "SCHERERVILLE", "HOBART", "EAST CHICAGO"]),
        "US-SD": ["SIOUX FALLS": chicago, "ABERDEEN": chicago, "BROOKINGS": chicago, "WATERTOWN": chicago, "MITCHELL": chicago,
                  "PIERRE": chicago, "YANKTON": chicago, "RAPID CITY": denver, "SPEARFISH": denver, "STURGIS": denver],
        "US-ID": ["BOISE": denver, "MERIDIAN": denver, "NAMPA": denver, "IDAHO FALLS": denver, "POCATELLO": denver,
                  "TWIN FALLS": denver, "COEUR D ALENE": pacific, "LEWISTON": pacific, "MOSCOW": pacific, "POST FALLS": pacific],
    ]

    static func zone(country: String, regionCodes: [String], city: String) -> String? {
        let key = String(city.uppercased().map { $0.isLetter ? $0 : " " }).split(separator: " ").joined(separator: " ")
        for code in regionCodes {
            if let zone = table["\(country)-\(code)"]?[key] { return zone }
        }
        return nil
    }

    private static let eastern = "America/New_York", chicago = "America/Chicago", denver = "America/Denver",
                       pacific = "America/Los_Angeles"

    private static func cities(eastern easternCities: [String], central centralCities: [String]) -> [String: String] {
        var table: [String: String] = [:]
        for city in easternCities { table[city] = eastern }
        for city in centralCities { table[city] = chicago }
        return table
    }
}
