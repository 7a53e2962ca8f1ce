/// Postal-code zone data: where a postal code decides a zone that the country or region alone
/// does not (split US states, Canadian provinces, Mexican border strips, islands).
///
/// Granularity and limits:
/// - US: the 3-digit ZIP prefix (sectional center) gives the zone of most of its area; 5-digit
///   ZIPs in the border prefixes list the other side's post offices by county (tzdb county
///   rules, standards.md §4.3). A split county (Idaho County ID, Dunn/McKenzie/Sioux ND) follows
///   the zone of its post office; unofficial local practice (Kenton OK, Jackpot NV, Hyder AK) is
///   not followed. Military ZIPs (APO/FPO 090–099, 340, 962–966) decide nothing. Cross-checked
///   against PyPI `zipcodes` 3.0.0, whose errors (Flagstaff and Page AZ on Navajo time, a
///   Chattanooga and an El Paso ZIP on Central) are not copied.
/// - Canada: the first letter of the postal code names the province; a forward sortation area
///   (first 3 characters) or a full code picks out the split areas listed below. Places whose
///   FSA spans two zones follow the FSA's main zone (e.g. villages near Creston BC).
/// - Mexico: the first 2 digits name the state; ranges pick out the US border strip where known.
/// - Brazil, Australia: the CEP / postcode ranges of each state, plus the islands.
/// - Spain, Portugal, France, Germany, New Zealand, Chile, Ecuador: the outlying areas only.
/// Postal codes of other countries decide nothing here.
enum PostalZones {
    /// The zone the postal code puts a place in, or nil when it decides nothing.
    static func zone(country: String, postalCode: String) -> String? {
        let code = postalCode.uppercased().filter { $0.isLetter || $0.isNumber }
        guard !code.isEmpty else { return nil }
        switch country {
        case "US": return unitedStates(code)
        case "CA": return canada(code)
        case "MX": return mexico(code)
        case "BR": return brazil(code)
        case "AU": return australia(code)
        case "ES": return digits(code, 2).flatMap { spain[$0] }
        case "PT": return portugal(code)
        case "FR": return digits(code, 3).flatMap { franceOverseas[$0] }
        case "DE": return code == "78266" ? "Europe/Busingen" : nil // Büsingen am Hochrhein, a German exclave in Switzerland
        case "NZ": return code == "8942" ? "Pacific/Chatham" : nil  // Chatham Islands
        case "CL": return code.hasPrefix("277") && code.count == 7 ? "Pacific/Easter" : nil // Isla de Pascua 2770000
        case "EC": return code.count == 6 && code.hasPrefix("20") ? "Pacific/Galapagos" : nil // province 20 = Galápagos
        default: return nil
        }
    }

    /// The first `count` characters as a number, if the code starts with that many digits.
    private static func digits(_ code: String, _ count: Int) -> Int? {
        let prefix = code.prefix(count)
        guard prefix.count == count, prefix.allSatisfy(\.isASCII), prefix.allSatisfy(\.isNumber) else { return nil }
        return Int(prefix)
    }

    private static func lookup(_ ranges: [(ClosedRange<Int>, String)], _ value: Int) -> String? {
        ranges.first { $0.0.contains(value) }?.1
    }

    // MARK: United States

    private static func unitedStates(_ code: String) -> String? {
        guard code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // A 4-digit ZIP is a ZIP whose leading zero a numeric field dropped (02134 → 2134).
        let full = code.count == 4 ? "0" + code : code
        guard full.count == 5 || full.count == 9 else { return nil }
        let zip = String(full.prefix(5))
        if let zone = usZIPs[zip] { return zone }
        return digits(zip, 3).flatMap { lookup(usPrefixes, $0) }
    }

    private static let eastern = "America/New_York"
    private static let central = "America/Chicago"
    private static let mountain = "America/Denver"
    private static let pacific = "America/Los_Angeles"
    private static let indianapolis = "America/Indiana/Indianapolis"
    private static let louisville = "America/Kentucky/Louisville"
    private static let boise = "America/Boise"
    private static let phoenix = "America/Phoenix"
    private static let menominee = "America/Menominee"

    /// 3-digit ZIP prefix ranges (USPS sectional centers by state) → zone of most of the prefix.
    /// Unassigned prefixes inside a range take its zone, which is harmless.
    static let usPrefixes: [(ClosedRange<Int>, String)] = [
        (5...5, eastern),                     // NY (Holtsville IRS)
        (6...7, "America/Puerto_Rico"),       // PR
        (8...8, "America/St_Thomas"),         // VI
        (9...9, "America/Puerto_Rico"),       // PR
        (10...89, eastern),                   // New England, NJ
        (100...323, eastern),                 // NY PA DE DC MD VA WV NC SC GA, north Florida
        (324...325, central),                 // FL panhandle: Panama City, Pensacola
        (326...339, eastern), (341...349, eastern), // rest of FL
        (350...372, central),                 // AL; TN (Nashville)
        (373...374, eastern),                 // TN (Chattanooga)
        (375...375, central),                 // TN (Memphis)
        (376...379, eastern),                 // TN (Johnson City, Knoxville)
        (380...397, central),                 // TN (Memphis, Jackson), MS
        (398...399, eastern),                 // GA
        (400...401, eastern),                 // KY (Louisville area)
        (402...402, louisville),              // KY (Louisville)
        (403...418, eastern),                 // KY (Lexington, Frankfort, east)
        (420...424, central),                 // KY (Paducah, Bowling Green, Owensboro, Henderson)
        (425...426, eastern),                 // KY (Somerset)
        (427...427, central),                 // KY (Elizabethtown SCF: Grayson, Hart, Green, Adair…)
        (430...459, eastern),                 // OH
        (460...462, indianapolis),            // IN
        (463...464, central),                 // IN (Gary: Lake, Porter, LaPorte, Jasper, Newton)
        (465...470, indianapolis),            // IN
        (471...471, louisville),              // IN (Clark, Floyd, Harrison: Louisville area)
        (472...474, indianapolis),            // IN
        (475...475, "America/Indiana/Vincennes"), // IN (Daviess, Dubois, Knox, Martin)
        (476...477, central),                 // IN (Evansville: Vanderburgh, Warrick, Posey, Gibson)
        (478...479, indianapolis),            // IN
        (480...499, "America/Detroit"),       // MI
        (500...568, central),                 // IA WI MN
        (569...569, eastern),                 // DC (government mail)
        (570...575, central),                 // SD East River
        (576...577, mountain),                // SD West River (Mobridge SCF, Rapid City)
        (580...585, central),                 // ND
        (586...586, mountain),                // ND southwest (Dickinson)
        (587...588, central),                 // ND
        (590...599, mountain),                // MT
        (600...690, central),                 // IL MO KS NE
        (691...691, mountain),                // NE (North Platte SCF: the Panhandle)
        (692...692, central),                 // NE (Valentine)
        (693...693, mountain),                // NE (Alliance, Scottsbluff)
        (700...798, central),                 // LA AR OK TX
        (799...831, mountain),                // TX (El Paso), CO, WY
        (832...834, boise),                   // ID south
        (835...835, pacific),                 // ID (Lewiston)
        (836...837, boise),                   // ID (Boise)
        (838...838, pacific),                 // ID panhandle (Coeur d'Alene)
        (840...847, mountain),                // UT
        (850...864, phoenix),                 // AZ
        (865...865, mountain),                // AZ (Navajo Nation: Window Rock, Chinle)
        (870...885, mountain),                // NM, TX (El Paso)
        (888...888, eastern),                 // DC
        (889...898, pacific),                 // NV
        (900...961, pacific),                 // CA
        (967...968, "Pacific/Honolulu"),      // HI
        (969...969, "Pacific/Guam"),          // GU (Pacific islands: see usZIPs)
        (970...978, pacific),                 // OR
        (979...979, boise),                   // OR (Ontario SCF: Malheur County)
        (980...994, pacific),                 // WA
        (995...997, "America/Anchorage"),     // AK
        (998...998, "America/Juneau"),        // AK (Juneau area)
        (999...999, "America/Sitka"),         // AK (Ketchikan, Prince of Wales)
    ]

    /// 5-digit ZIPs whose zone differs from their prefix's, by county.
    static let usZIPs: [String: String] = {
        var table: [String: String] = [:]
        func add(_ zone: String, _ zips: [String]) { for zip in zips { table[zip] = zone } }
        // FL: Gulf County south of the Intracoastal (Port St. Joe) keeps Eastern.
        add(eastern, ["32456", "32457"])
        // TN 373: Grundy, Franklin, Coffee, Lincoln, Marion, Sequatchie, Bledsoe, Moore, Warren are Central.
        add(central, ["37301", "37305", "37306", "37313", "37318", "37324", "37327", "37328", "37330", "37334",
                      "37335", "37339", "37340", "37342", "37345", "37347", "37348", "37349", "37352", "37355",
                      "37356", "37357", "37359", "37360", "37365", "37366", "37367", "37374", "37375", "37376",
                      "37378", "37380", "37382", "37383", "37387", "37388", "37389", "37394", "37396", "37397",
                      "37398"])
        // TN 377: Crab Orchard (Cumberland County) is Central.
        add(central, ["37723"])
        // KY 400/401: Jefferson County (Louisville zone); Breckinridge and Grayson Central.
        add(louisville, ["40018", "40023", "40025", "40027", "40041", "40059", "40118"])
        add(central, ["40111", "40115", "40119", "40140", "40143", "40144", "40145", "40146", "40152", "40153",
                      "40170", "40171", "40176", "40178"])
        // KY 426: Clinton and Russell Central; Wayne County is America/Kentucky/Monticello.
        add(central, ["42602", "42629", "42642"])
        add("America/Kentucky/Monticello", ["42633"])
        // KY 427: Hardin, LaRue, Taylor Eastern.
        add(eastern, ["42701", "42702", "42716", "42718", "42719", "42724", "42732", "42733", "42740", "42748",
                      "42757", "42758", "42776", "42784", "42788"])
        // IN: Starke (Knox zone), Pulaski (Winamac), Switzerland (Vevay), Dearborn and Ohio (Cincinnati area),
        // Crawford (Marengo), Scott/Washington/Clark north (Indianapolis), Perry (Tell City),
        // Pike (Petersburg), Spencer Central; Newton and Jasper Central.
        add("America/Indiana/Knox", ["46366", "46374", "46531", "46532", "46534", "46968"])
        add("America/Indiana/Winamac", ["46960", "46985", "46996", "47946", "47957"])
        add("America/Indiana/Vevay", ["47011", "47019", "47020", "47038", "47043"])
        add(eastern, ["47001", "47018", "47022", "47025", "47032", "47040", "47060"])
        add("America/Indiana/Marengo", ["47116", "47118", "47123", "47137", "47140", "47145", "47174", "47175"])
        add(indianapolis, ["47102", "47108", "47120", "47125", "47138", "47139", "47147", "47165", "47167", "47170"])
        add("America/Indiana/Tell_City", ["47514", "47515", "47520", "47525", "47551", "47574", "47576", "47586", "47588"])
        add("America/Indiana/Petersburg", ["47564", "47567", "47584", "47585", "47590", "47598"])
        add(central, ["47523", "47531", "47536", "47537", "47550", "47552", "47556", "47577", "47579"])
        add(central, ["47922", "47943", "47948", "47951", "47963", "47964", "47977", "47978"])
        // MI: Dickinson, Gogebic, Iron, Menominee counties (America/Menominee, Central).
        add(menominee, ["49801", "49802", "49812", "49815", "49821", "49831", "49834", "49845", "49847", "49848",
                        "49852", "49858", "49863", "49870", "49873", "49874", "49876", "49877", "49881", "49886",
                        "49887", "49892", "49893", "49896", "49902", "49903", "49911", "49915", "49920", "49927",
                        "49935", "49938", "49947", "49959", "49964", "49968", "49969"])
        // SD 575: Bennett, Haakon, Jackson Mountain. SD 576: Walworth and Campbell Central.
        add(mountain, ["57521", "57543", "57547", "57551", "57552", "57553", "57567", "57574", "57577"])
        add(central, ["57601", "57631", "57632", "57646", "57648"])
        // ND 585/586: Grant Mountain; Morton (New Salem), Mercer (Beulah), Oliver (Center) Central.
        add(mountain, ["58529", "58533", "58562", "58564", "58569"])
        add("America/North_Dakota/New_Salem", ["58520", "58535", "58554", "58563", "58566", "58631", "58638"])
        add("America/North_Dakota/Beulah", ["58523", "58541", "58545", "58571", "58580"])
        add("America/North_Dakota/Center", ["58530"])
        // KS: Sherman, Wallace, Greeley, Hamilton Mountain.
        add(mountain, ["67733", "67735", "67741", "67758", "67761", "67762", "67836", "67878", "67879"])
        // NE 690: Chase and Dundy Mountain; 691: Lincoln, Dawson, Custer, Logan, McPherson, Thomas,
        // Blaine, east Cherry Central; 692: west Cherry Mountain.
        add(mountain, ["69021", "69023", "69027", "69030", "69033", "69037", "69041", "69045"])
        add(central, ["69101", "69103", "69120", "69123", "69130", "69132", "69135", "69138", "69142", "69143",
                      "69151", "69157", "69161", "69163", "69165", "69166", "69167", "69169", "69170", "69171"])
        add(mountain, ["69211", "69216", "69218", "69219"])
        // TX 798: El Paso and Hudspeth counties Mountain (the rest of the SCF, Big Bend, is Central).
        add(mountain, ["79821", "79835", "79836", "79837", "79838", "79839", "79847", "79849", "79851", "79853"])
        // ID 835: Riggins area (Idaho County south of the Salmon River) Mountain; WY ZIP in 834.
        add(boise, ["83547", "83549"])
        add(mountain, ["83414"])
        // AZ: Navajo Nation observes DST (Mountain); Chambers and Sanders lie outside it.
        add(mountain, ["86016", "86020", "86031", "86033", "86035", "86044", "86053", "86054"])
        add(phoenix, ["86502", "86512"])
        // NV: West Wendover moved to Mountain time in 1999.
        add(mountain, ["89883"])
        // OR 979: Harney and Baker County offices stay Pacific.
        add(pacific, ["97904", "97905", "97907"])
        // AK: Aleutians west (Adak), Yakutat, Sitka, Metlakatla; Juneau-area offices in the 999 SCF.
        add("America/Adak", ["99546", "99547"])
        add("America/Yakutat", ["99689"])
        add("America/Sitka", ["99830", "99833", "99835"])
        add("America/Metlakatla", ["99926"])
        add("America/Juneau", ["99922"])
        // Pacific islands with US ZIPs: American Samoa, Palau, Micronesia, Northern Marianas, Marshalls.
        add("Pacific/Pago_Pago", ["96799"])
        add("Pacific/Palau", ["96939", "96940"])
        add("Pacific/Pohnpei", ["96941"])
        add("Pacific/Chuuk", ["96942", "96943"])
        add("Pacific/Kosrae", ["96944"])
        add("Pacific/Saipan", ["96950", "96951", "96952"])
        add("Pacific/Majuro", ["96960", "96970"])
        return table
    }()

    // MARK: Canada

    private static func canada(_ code: String) -> String? {
        guard let letter = code.first, letter.isLetter else { return nil }
        if code.count == 6, let zone = canadaFullCodes[code] { return zone }
        if code.count >= 3, let zone = canadaFSAs[String(code.prefix(3))] { return zone }
        guard let province = canadaProvinceByLetter[letter] else { return nil }
        return RegionZones.canada.first { $0.codes.contains(province) }?.zone
    }

    /// First letter of a Canadian postal code → province (Canada Post). X is NT or NU: see the FSAs.
    static let canadaProvinceByLetter: [Character: String] = [
        "A": "NL", "B": "NS", "C": "PE", "E": "NB", "G": "QC", "H": "QC", "J": "QC", "K": "ON", "L": "ON",
        "M": "ON", "N": "ON", "P": "ON", "R": "MB", "S": "SK", "T": "AB", "V": "BC", "Y": "YT",
    ]

    /// Forward sortation areas whose zone differs from their province's main zone.
    static let canadaFSAs: [String: String] = [
        // ON west of 90°W (Kenora, Rainy River, Dryden, Sioux Lookout, Red Lake): Central.
        "P8N": "America/Winnipeg", "P8T": "America/Winnipeg", "P9A": "America/Winnipeg", "P9N": "America/Winnipeg",
        "P0V": "America/Winnipeg", "P0W": "America/Winnipeg", "P0X": "America/Winnipeg",
        // NL: Labrador (Happy Valley-Goose Bay, Labrador West); the southeast coast (A0K) keeps Newfoundland time.
        "A0P": "America/Goose_Bay", "A0R": "America/Goose_Bay", "A2V": "America/Goose_Bay",
        // SK: Lloydminster keeps Alberta time; Swift Current area.
        "S9V": "America/Edmonton", "S9H": "America/Swift_Current",
        // BC: Peace River (MST all year); Columbia Valley and East Kootenay (Mountain).
        "V1G": "America/Dawson_Creek", "V1J": "America/Dawson_Creek", "V0C": "America/Dawson_Creek",
        "V0A": "America/Edmonton", "V0B": "America/Edmonton", "V1A": "America/Edmonton", "V1C": "America/Edmonton",
        // NU: Baffin (Eastern), Kivalliq (Central), Kitikmeot (Mountain); NT: Mountain.
        "X0A": "America/Iqaluit", "X0C": "America/Rankin_Inlet", "X0B": "America/Cambridge_Bay",
        "X0E": "America/Edmonton", "X0G": "America/Edmonton", "X1A": "America/Edmonton",
    ]

    /// Full postal codes of single communities in a zone of their own.
    static let canadaFullCodes: [String: String] = [
        "P0T1C0": "America/Atikokan",      // Atikokan ON: EST all year
        "G0G1W0": "America/Blanc-Sablon",  // Blanc-Sablon QC: AST all year
        "S0P0A0": "America/Winnipeg",      // Creighton SK keeps Flin Flon's Central time with DST
        "V0C1R0": "America/Fort_Nelson",   // Fort Nelson BC
        "V0B1G0": "America/Creston",       // Creston BC: MST all year
        "X0A0V0": "America/Resolute",      // Resolute NU
        "X0C0C0": "America/Atikokan",      // Coral Harbour NU: EST all year
        "X0E0T0": "America/Inuvik",        // Inuvik NT
        "Y0B1G0": "America/Dawson",        // Dawson City YT
    ]

    // MARK: Mexico

    private static func mexico(_ code: String) -> String? {
        guard code.count == 5, let value = Int(code), code.allSatisfy(\.isASCII) else { return nil }
        if let zone = lookup(mexicoRanges, value) { return zone }
        guard let state = lookup(mexicoStates, value / 1000) else { return nil }
        return RegionZones.mexico.first { $0.codes.contains(state) }?.zone
    }

    /// First 2 digits of a código postal → state (ISO 3166-2:MX), per Correos de México.
    static let mexicoStates: [(ClosedRange<Int>, String)] = [
        (1...16, "CMX"), (20...20, "AGU"), (21...22, "BCN"), (23...23, "BCS"), (24...24, "CAM"), (25...27, "COA"),
        (28...28, "COL"), (29...30, "CHP"), (31...33, "CHH"), (34...35, "DUR"), (36...38, "GUA"), (39...41, "GRO"),
        (42...43, "HID"), (44...49, "JAL"), (50...57, "MEX"), (58...61, "MIC"), (62...62, "MOR"), (63...63, "NAY"),
        (64...67, "NLE"), (68...71, "OAX"), (72...75, "PUE"), (76...76, "QUE"), (77...77, "ROO"), (78...79, "SLP"),
        (80...82, "SIN"), (83...85, "SON"), (86...86, "TAB"), (87...89, "TAM"), (90...90, "TLA"), (91...96, "VER"),
        (97...97, "YUC"), (98...99, "ZAC"),
    ]

    /// Municipal ranges in split states (main cities only; the rest of Chihuahua, Tamaulipas
    /// and southern Nayarit decides nothing).
    static let mexicoRanges: [(ClosedRange<Int>, String)] = [
        (31000...31999, "America/Chihuahua"),      // Chihuahua city, Cuauhtémoc, Nuevo Casas Grandes
        (32000...32599, "America/Ciudad_Juarez"),  // Ciudad Juárez (US border, US DST)
        (33000...33999, "America/Chihuahua"),      // Delicias, Hidalgo del Parral
        (26000...26099, "America/Matamoros"),      // Piedras Negras COA (US border)
        (26200...26299, "America/Matamoros"),      // Ciudad Acuña COA (US border)
        (87000...87199, "America/Monterrey"),      // Ciudad Victoria TAM
        (87300...87499, "America/Matamoros"),      // Matamoros TAM (US border)
        (88000...88299, "America/Matamoros"),      // Nuevo Laredo TAM (US border)
        (88500...88799, "America/Matamoros"),      // Reynosa TAM (US border)
        (89000...89999, "America/Monterrey"),      // Tampico, Ciudad Madero, Altamira TAM
        (63000...63699, "America/Mazatlan"),       // Tepic and northern Nayarit
        (63900...63999, "America/Mazatlan"),
    ]

    // MARK: Brazil

    private static func brazil(_ code: String) -> String? {
        guard code.count == 8, code.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(code.prefix(5)) else { return nil }
        if value == 53990 { return "America/Noronha" }   // Fernando de Noronha PE
        if value == 69880 { return "America/Eirunepe" }  // Eirunepé AM (western Amazonas)
        guard let state = lookup(brazilStates, value) else { return nil }
        return RegionZones.brazil.first { $0.codes.contains(state) }?.zone
    }

    /// First 5 digits of a CEP → state, per the Correios CEP ranges.
    static let brazilStates: [(ClosedRange<Int>, String)] = [
        (1000...19999, "SP"), (20000...28999, "RJ"), (29000...29999, "ES"), (30000...39999, "MG"),
        (40000...48999, "BA"), (49000...49999, "SE"), (50000...56999, "PE"), (57000...57999, "AL"),
        (58000...58999, "PB"), (59000...59999, "RN"), (60000...63999, "CE"), (64000...64999, "PI"),
        (65000...65999, "MA"), (66000...68899, "PA"), (68900...68999, "AP"), (69000...69299, "AM"),
        (69300...69399, "RR"), (69400...69899, "AM"), (69900...69999, "AC"), (70000...72799, "DF"),
        (72800...72999, "GO"), (73000...73699, "DF"), (73700...76799, "GO"), (76800...76999, "RO"),
        (77000...77999, "TO"), (78000...78899, "MT"), (79000...79999, "MS"), (80000...87999, "PR"),
        (88000...89999, "SC"), (90000...99999, "RS"),
    ]

    // MARK: Australia

    private static func australia(_ code: String) -> String? {
        guard (3...4).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(code) else { return nil }
        if value == 2880 { return "Australia/Broken_Hill" } // Broken Hill NSW (Yancowinna): South Australian time
        if value == 2898 { return "Australia/Lord_Howe" }   // Lord Howe Island NSW
        guard let state = lookup(australiaStates, value) else { return nil }
        return RegionZones.australia.first { $0.codes.contains(state) }?.zone
    }

    /// Postcode ranges → state or territory, per Australia Post (leading zero dropped: 0800 is 800).
    static let australiaStates: [(ClosedRange<Int>, String)] = [
        (200...299, "ACT"), (800...999, "NT"), (1000...2599, "NSW"), (2600...2618, "ACT"), (2619...2899, "NSW"),
        (2900...2920, "ACT"), (2921...2999, "NSW"), (3000...3999, "VIC"), (4000...4999, "QLD"), (5000...5999, "SA"),
        (6000...6999, "WA"), (7000...7999, "TAS"), (8000...8999, "VIC"), (9000...9999, "QLD"),
    ]

    // MARK: Europe and overseas

    /// Spanish provinces by the first 2 digits: Las Palmas and Santa Cruz de Tenerife; Ceuta, Melilla.
    static let spain: [Int: String] = [35: "Atlantic/Canary", 38: "Atlantic/Canary", 51: "Africa/Ceuta", 52: "Africa/Ceuta"]

    private static func portugal(_ code: String) -> String? {
        guard let value = digits(code, 4) else { return nil }
        switch value {
        case 9000...9499: return "Atlantic/Madeira"  // Madeira and Porto Santo
        case 9500...9999: return "Atlantic/Azores"
        default: return nil
        }
    }

    /// French overseas départements and collectivités that use French postal codes.
    static let franceOverseas: [Int: String] = [
        971: "America/Guadeloupe",    // Guadeloupe, Saint-Barthélemy (97133), Saint-Martin (97150)
        972: "America/Martinique",
        973: "America/Cayenne",       // French Guiana
        974: "Indian/Reunion",
        975: "America/Miquelon",      // Saint-Pierre-et-Miquelon
        976: "Indian/Mayotte",
        986: "Pacific/Wallis",        // Wallis-et-Futuna
        987: "Pacific/Tahiti",        // French Polynesia
        988: "Pacific/Noumea",        // New Caledonia
    ]
}
