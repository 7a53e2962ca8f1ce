/// Region-level zone data: states, provinces and federal subjects of multi-zone countries.
///
/// Each row is `(codes, names, zone)`. Codes are the ISO 3166-2 subdivision codes without the
/// country prefix plus the postal and traditional abbreviations carriers use ("Calif.", "Ont."); names are the English and local
/// spellings (accents, case, punctuation and words such as "Oblast" or "Province" are ignored
/// when matching, see `RegionKey`). `zone` is the tzdb zone of the whole region, or of the
/// region's "most areas" row when the other zones there cover only a small share (about a
/// tenth) of its people; those areas are picked out by `PostalZones`. `nil` means the region
/// is split too evenly to guess: only a postal code decides there.
///
/// Sources: tzdb `zone.tab`/`zone1970.tab` comments (2025b) for which regions each zone
/// covers; `reference/standards.md` §4.3 for the US and Canadian splits.
enum RegionZones {
    typealias Row = (codes: [String], names: [String], zone: String?)

    static let tables: [String: [Row]] = [
        "US": unitedStates, "CA": canada, "MX": mexico, "BR": brazil, "AU": australia, "RU": russia,
        "AR": argentina, "CL": chile, "EC": ecuador, "KZ": kazakhstan, "MN": mongolia, "PF": frenchPolynesia,
        "PG": papuaNewGuinea, "UA": ukraine, "ID": indonesia, "FM": micronesia, "KI": kiribati, "CD": congo,
    ]

    // MARK: United States (tzdb: America/New_York "Eastern (most areas)", America/Chicago
    // "Central (most areas)", …; split states per standards.md §4.3)

    static let unitedStates: [Row] = [
        (["AL", "ALA"], ["Alabama"], "America/Chicago"),
        (["AK"], ["Alaska"], "America/Anchorage"),          // Aleutians west of 169.5°W (Adak) by ZIP
        (["AZ", "ARIZ"], ["Arizona"], "America/Phoenix"),           // no DST; Navajo Nation (America/Denver) by ZIP
        (["AR", "ARK"], ["Arkansas"], "America/Chicago"),
        (["CA", "CALIF", "CAL"], ["California"], "America/Los_Angeles"),
        (["CO", "COLO"], ["Colorado"], "America/Denver"),
        (["CT", "CONN"], ["Connecticut"], "America/New_York"),
        (["DE", "DEL"], ["Delaware"], "America/New_York"),
        (["DC"], ["District of Columbia", "Washington DC", "Washington D.C."], "America/New_York"),
        (["FL", "FLA"], ["Florida"], "America/New_York"),          // panhandle west of the Apalachicola: Central, by ZIP
        (["GA"], ["Georgia"], "America/New_York"),
        (["HI"], ["Hawaii"], "Pacific/Honolulu"),
        (["ID"], ["Idaho"], nil),                           // south Mountain (Boise), north Pacific: ZIP decides
        (["IL", "ILL"], ["Illinois"], "America/Chicago"),
        (["IN", "IND"], ["Indiana"], nil),                         // Eastern with NW and SW counties Central: ZIP decides
        (["IA"], ["Iowa"], "America/Chicago"),
        (["KS", "KAN", "KANS"], ["Kansas"], "America/Chicago"),            // 4 western counties Mountain, by ZIP
        (["KY"], ["Kentucky"], nil),                        // east Eastern, west Central: ZIP decides
        (["LA"], ["Louisiana"], "America/Chicago"),
        (["ME"], ["Maine"], "America/New_York"),
        (["MD"], ["Maryland"], "America/New_York"),
        (["MA", "MASS"], ["Massachusetts"], "America/New_York"),
        (["MI", "MICH"], ["Michigan"], "America/Detroit"),          // 4 Upper Peninsula counties Central, by ZIP
        (["MN", "MINN"], ["Minnesota"], "America/Chicago"),
        (["MS", "MISS"], ["Mississippi"], "America/Chicago"),
        (["MO"], ["Missouri"], "America/Chicago"),
        (["MT", "MONT"], ["Montana"], "America/Denver"),
        (["NE", "NEB", "NEBR"], ["Nebraska"], "America/Chicago"),          // western counties Mountain, by ZIP
        (["NV", "NEV"], ["Nevada"], "America/Los_Angeles"),        // West Wendover Mountain, by ZIP
        (["NH"], ["New Hampshire"], "America/New_York"),
        (["NJ"], ["New Jersey"], "America/New_York"),
        (["NM"], ["New Mexico"], "America/Denver"),
        (["NY"], ["New York"], "America/New_York"),
        (["NC"], ["North Carolina"], "America/New_York"),
        (["ND"], ["North Dakota"], "America/Chicago"),      // southwest Mountain, by ZIP
        (["OH"], ["Ohio"], "America/New_York"),
        (["OK", "OKLA"], ["Oklahoma"], "America/Chicago"),
        (["OR", "ORE", "OREG"], ["Oregon"], "America/Los_Angeles"),        // Malheur County Mountain, by ZIP
        (["PA", "PENN", "PENNA"], ["Pennsylvania"], "America/New_York"),
        (["RI"], ["Rhode Island"], "America/New_York"),
        (["SC"], ["South Carolina"], "America/New_York"),
        (["SD"], ["South Dakota"], nil),                    // East River Central, West River Mountain: ZIP decides
        (["TN", "TENN"], ["Tennessee"], nil),                       // East Eastern, Middle and West Central: ZIP decides
        (["TX", "TEX"], ["Texas"], "America/Chicago"),             // El Paso and Hudspeth Mountain, by ZIP
        (["UT"], ["Utah"], "America/Denver"),
        (["VT"], ["Vermont"], "America/New_York"),
        (["VA"], ["Virginia"], "America/New_York"),
        (["WA", "WASH"], ["Washington"], "America/Los_Angeles"),
        (["WV"], ["West Virginia"], "America/New_York"),
        (["WI", "WIS", "WISC"], ["Wisconsin"], "America/Chicago"),
        (["WY", "WYO"], ["Wyoming"], "America/Denver"),
        (["PR"], ["Puerto Rico"], "America/Puerto_Rico"),
        (["VI"], ["Virgin Islands", "US Virgin Islands", "U.S. Virgin Islands"], "America/St_Thomas"),
        (["GU"], ["Guam"], "Pacific/Guam"),
        (["MP"], ["Northern Mariana Islands"], "Pacific/Saipan"),
        (["AS"], ["American Samoa"], "Pacific/Pago_Pago"),
    ]

    // MARK: Canada (tzdb CA rows; standards.md §4.3). Postal codes: the FSA's first letter
    // names the province, see `PostalZones`.

    static let canada: [Row] = [
        (["AB", "ALTA"], ["Alberta"], "America/Edmonton"),
        (["BC"], ["British Columbia", "Colombie-Britannique"], "America/Vancouver"), // Peace River, Creston, SE Kootenays by postal code
        (["MB", "MAN"], ["Manitoba"], "America/Winnipeg"),
        (["NB"], ["New Brunswick", "Nouveau-Brunswick"], "America/Moncton"),
        (["NL", "NF", "NFLD"], ["Newfoundland and Labrador", "Newfoundland", "Terre-Neuve-et-Labrador"], "America/St_Johns"), // Labrador by postal code
        (["NS"], ["Nova Scotia", "Nouvelle-Écosse"], "America/Halifax"),
        (["NT"], ["Northwest Territories", "Territoires du Nord-Ouest"], "America/Edmonton"), // Inuvik shares Mountain time
        (["NU"], ["Nunavut"], nil),                        // Eastern, Central and Mountain: postal code decides
        (["ON", "ONT"], ["Ontario"], "America/Toronto"),          // west of 90°W Central, by postal code or longitude
        (["PE", "PEI"], ["Prince Edward Island", "Île-du-Prince-Édouard"], "America/Halifax"),
        (["QC", "PQ", "QUE"], ["Quebec", "Québec"], "America/Toronto"), // Lower North Shore (Blanc-Sablon) by postal code
        (["SK", "SASK"], ["Saskatchewan"], "America/Regina"),      // no DST; Lloydminster (Alberta time) by postal code
        (["YT", "YK"], ["Yukon", "Yukon Territory"], "America/Whitehorse"),
    ]

    // MARK: Mexico (tzdb MX rows, after the 2022 end of DST outside the US border strip)

    static let mexico: [Row] = [
        (["AGU", "AGS"], ["Aguascalientes"], "America/Mexico_City"),
        (["BCN", "BC"], ["Baja California", "Baja California Norte"], "America/Tijuana"),
        (["BCS"], ["Baja California Sur"], "America/Mazatlan"),
        (["CAM"], ["Campeche"], "America/Merida"),
        (["CHP", "CHIS"], ["Chiapas"], "America/Mexico_City"),
        (["CHH", "CHIH"], ["Chihuahua"], nil),             // Ciudad Juárez (US border) vs the rest: postal code decides
        (["COA", "COAH"], ["Coahuila", "Coahuila de Zaragoza"], "America/Monterrey"), // border strip by postal code
        (["COL"], ["Colima"], "America/Mexico_City"),
        (["CMX", "DIF", "CDMX", "DF"], ["Ciudad de México", "Mexico City", "Distrito Federal"], "America/Mexico_City"),
        (["DUR", "DGO"], ["Durango"], "America/Monterrey"),
        (["GUA", "GTO"], ["Guanajuato"], "America/Mexico_City"),
        (["GRO"], ["Guerrero"], "America/Mexico_City"),
        (["HID", "HGO"], ["Hidalgo"], "America/Mexico_City"),
        (["JAL"], ["Jalisco"], "America/Mexico_City"),
        (["MEX", "EDOMEX"], ["Estado de México", "México", "State of Mexico"], "America/Mexico_City"),
        (["MIC", "MICH"], ["Michoacán", "Michoacán de Ocampo"], "America/Mexico_City"),
        (["MOR"], ["Morelos"], "America/Mexico_City"),
        (["NAY"], ["Nayarit"], nil),                       // Bahía de Banderas keeps Central time: postal code decides
        (["NLE", "NL"], ["Nuevo León"], "America/Monterrey"),
        (["OAX"], ["Oaxaca"], "America/Mexico_City"),
        (["PUE"], ["Puebla"], "America/Mexico_City"),
        (["QUE", "QRO"], ["Querétaro", "Querétaro de Arteaga"], "America/Mexico_City"),
        (["ROO", "QROO", "QR"], ["Quintana Roo"], "America/Cancun"),
        (["SLP"], ["San Luis Potosí"], "America/Mexico_City"),
        (["SIN"], ["Sinaloa"], "America/Mazatlan"),
        (["SON"], ["Sonora"], "America/Hermosillo"),
        (["TAB"], ["Tabasco"], "America/Mexico_City"),
        (["TAM", "TAMPS"], ["Tamaulipas"], nil),           // border strip (US DST) vs the rest: postal code decides
        (["TLA", "TLAX"], ["Tlaxcala"], "America/Mexico_City"),
        (["VER"], ["Veracruz", "Veracruz de Ignacio de la Llave"], "America/Mexico_City"),
        (["YUC"], ["Yucatán"], "America/Merida"),
        (["ZAC"], ["Zacatecas"], "America/Mexico_City"),
    ]

    // MARK: Brazil (tzdb BR rows)

    static let brazil: [Row] = [
        (["AC"], ["Acre"], "America/Rio_Branco"),
        (["AL"], ["Alagoas"], "America/Maceio"),
        (["AP"], ["Amapá"], "America/Belem"),
        (["AM"], ["Amazonas"], "America/Manaus"),          // the west (America/Eirunepe) is a small share
        (["BA"], ["Bahia"], "America/Bahia"),
        (["CE"], ["Ceará"], "America/Fortaleza"),
        (["DF"], ["Distrito Federal", "Brasília"], "America/Sao_Paulo"),
        (["ES"], ["Espírito Santo"], "America/Sao_Paulo"),
        (["GO"], ["Goiás"], "America/Sao_Paulo"),
        (["MA"], ["Maranhão"], "America/Fortaleza"),
        (["MT"], ["Mato Grosso"], "America/Cuiaba"),
        (["MS"], ["Mato Grosso do Sul"], "America/Campo_Grande"),
        (["MG"], ["Minas Gerais"], "America/Sao_Paulo"),
        (["PA"], ["Pará"], "America/Belem"),               // the west (America/Santarem) shares −03 since 2008
        (["PB"], ["Paraíba"], "America/Fortaleza"),
        (["PR"], ["Paraná"], "America/Sao_Paulo"),
        (["PE"], ["Pernambuco"], "America/Recife"),        // Fernando de Noronha by postal code
        (["PI"], ["Piauí"], "America/Fortaleza"),
        (["RJ"], ["Rio de Janeiro"], "America/Sao_Paulo"),
        (["RN"], ["Rio Grande do Norte"], "America/Fortaleza"),
        (["RS"], ["Rio Grande do Sul"], "America/Sao_Paulo"),
        (["RO"], ["Rondônia"], "America/Porto_Velho"),
        (["RR"], ["Roraima"], "America/Boa_Vista"),
        (["SC"], ["Santa Catarina"], "America/Sao_Paulo"),
        (["SP"], ["São Paulo"], "America/Sao_Paulo"),
        (["SE"], ["Sergipe"], "America/Maceio"),
        (["TO"], ["Tocantins"], "America/Araguaina"),
    ]

    // MARK: Australia (tzdb AU rows)

    static let australia: [Row] = [
        (["NSW"], ["New South Wales"], "Australia/Sydney"), // Broken Hill and Lord Howe Island by postcode
        (["VIC"], ["Victoria"], "Australia/Melbourne"),
        (["QLD"], ["Queensland"], "Australia/Brisbane"),   // no DST
        (["SA"], ["South Australia"], "Australia/Adelaide"),
        (["WA"], ["Western Australia"], "Australia/Perth"), // Eucla's unofficial +08:45 is not distinguished
        (["TAS"], ["Tasmania"], "Australia/Hobart"),
        (["NT"], ["Northern Territory"], "Australia/Darwin"),
        (["ACT"], ["Australian Capital Territory"], "Australia/Sydney"),
        (["JBT"], ["Jervis Bay Territory"], "Australia/Sydney"),
    ]

    // MARK: Russia (tzdb RU rows; ISO 3166-2:RU codes)

    static let russia: [Row] = [
        (["KGD"], ["Kaliningrad", "Kaliningrad Oblast", "Калининградская область"], "Europe/Kaliningrad"),
        (["MOW"], ["Moscow", "Moskva", "Москва"], "Europe/Moscow"),
        (["MOS"], ["Moscow Oblast", "Moskovskaya Oblast", "Московская область"], "Europe/Moscow"),
        (["SPE"], ["Saint Petersburg", "St Petersburg", "St. Petersburg", "Sankt-Peterburg", "Санкт-Петербург"], "Europe/Moscow"),
        (["LEN"], ["Leningrad Oblast", "Leningradskaya Oblast", "Ленинградская область"], "Europe/Moscow"),
        (["AD"], ["Adygea", "Adygeya"], "Europe/Moscow"),
        (["ARK"], ["Arkhangelsk", "Arkhangelsk Oblast"], "Europe/Moscow"),
        (["BEL"], ["Belgorod", "Belgorod Oblast"], "Europe/Moscow"),
        (["BRY"], ["Bryansk", "Bryansk Oblast"], "Europe/Moscow"),
        (["CE"], ["Chechnya", "Chechen Republic"], "Europe/Moscow"),
        (["CU"], ["Chuvashia", "Chuvash Republic"], "Europe/Moscow"),
        (["DA"], ["Dagestan"], "Europe/Moscow"),
        (["IN"], ["Ingushetia"], "Europe/Moscow"),
        (["IVA"], ["Ivanovo", "Ivanovo Oblast"], "Europe/Moscow"),
        (["KB"], ["Kabardino-Balkaria", "Kabardino-Balkar Republic"], "Europe/Moscow"),
        (["KL"], ["Kalmykia"], "Europe/Moscow"),
        (["KLU"], ["Kaluga", "Kaluga Oblast"], "Europe/Moscow"),
        (["KC"], ["Karachay-Cherkessia", "Karachay-Cherkess Republic"], "Europe/Moscow"),
        (["KR"], ["Karelia"], "Europe/Moscow"),
        (["KO"], ["Komi"], "Europe/Moscow"),
        (["KOS"], ["Kostroma", "Kostroma Oblast"], "Europe/Moscow"),
        (["KDA"], ["Krasnodar", "Krasnodar Krai", "Краснодарский край"], "Europe/Moscow"),
        (["KRS"], ["Kursk", "Kursk Oblast"], "Europe/Moscow"),
        (["LIP"], ["Lipetsk", "Lipetsk Oblast"], "Europe/Moscow"),
        (["ME"], ["Mari El"], "Europe/Moscow"),
        (["MO"], ["Mordovia"], "Europe/Moscow"),
        (["MUR"], ["Murmansk", "Murmansk Oblast"], "Europe/Moscow"),
        (["NEN"], ["Nenets", "Nenets Autonomous Okrug"], "Europe/Moscow"),
        (["NIZ"], ["Nizhny Novgorod", "Nizhny Novgorod Oblast", "Nizhegorodskaya Oblast"], "Europe/Moscow"),
        (["NGR"], ["Novgorod", "Novgorod Oblast"], "Europe/Moscow"),
        (["ORL"], ["Oryol", "Orel", "Oryol Oblast"], "Europe/Moscow"),
        (["PNZ"], ["Penza", "Penza Oblast"], "Europe/Moscow"),
        (["PSK"], ["Pskov", "Pskov Oblast"], "Europe/Moscow"),
        (["ROS"], ["Rostov", "Rostov Oblast"], "Europe/Moscow"),
        (["RYA"], ["Ryazan", "Ryazan Oblast"], "Europe/Moscow"),
        (["SE"], ["North Ossetia", "North Ossetia-Alania"], "Europe/Moscow"),
        (["SMO"], ["Smolensk", "Smolensk Oblast"], "Europe/Moscow"),
        (["STA"], ["Stavropol", "Stavropol Krai"], "Europe/Moscow"),
        (["TAM"], ["Tambov", "Tambov Oblast"], "Europe/Moscow"),
        (["TA"], ["Tatarstan"], "Europe/Moscow"),
        (["TUL"], ["Tula", "Tula Oblast"], "Europe/Moscow"),
        (["TVE"], ["Tver", "Tver Oblast"], "Europe/Moscow"),
        (["VLA"], ["Vladimir", "Vladimir Oblast"], "Europe/Moscow"),
        (["VLG"], ["Vologda", "Vologda Oblast"], "Europe/Moscow"),
        (["VOR"], ["Voronezh", "Voronezh Oblast"], "Europe/Moscow"),
        (["YAR"], ["Yaroslavl", "Yaroslavl Oblast"], "Europe/Moscow"),
        (["KIR"], ["Kirov", "Kirov Oblast"], "Europe/Kirov"),
        (["VGG"], ["Volgograd", "Volgograd Oblast"], "Europe/Volgograd"),
        (["AST"], ["Astrakhan", "Astrakhan Oblast"], "Europe/Astrakhan"),
        (["SAR"], ["Saratov", "Saratov Oblast"], "Europe/Saratov"),
        (["ULY"], ["Ulyanovsk", "Ulyanovsk Oblast"], "Europe/Ulyanovsk"),
        (["SAM"], ["Samara", "Samara Oblast", "Самарская область"], "Europe/Samara"),
        (["UD"], ["Udmurtia", "Udmurt Republic"], "Europe/Samara"),
        (["BA"], ["Bashkortostan"], "Asia/Yekaterinburg"),
        (["CHE"], ["Chelyabinsk", "Chelyabinsk Oblast"], "Asia/Yekaterinburg"),
        (["KHM"], ["Khanty-Mansi", "Khanty-Mansi Autonomous Okrug", "Yugra"], "Asia/Yekaterinburg"),
        (["KGN"], ["Kurgan", "Kurgan Oblast"], "Asia/Yekaterinburg"),
        (["ORE"], ["Orenburg", "Orenburg Oblast"], "Asia/Yekaterinburg"),
        (["PER"], ["Perm", "Perm Krai"], "Asia/Yekaterinburg"),
        (["SVE"], ["Sverdlovsk", "Sverdlovsk Oblast", "Свердловская область"], "Asia/Yekaterinburg"),
        (["TYU"], ["Tyumen", "Tyumen Oblast"], "Asia/Yekaterinburg"),
        (["YAN"], ["Yamalo-Nenets", "Yamalo-Nenets Autonomous Okrug"], "Asia/Yekaterinburg"),
        (["OMS"], ["Omsk", "Omsk Oblast"], "Asia/Omsk"),
        (["NVS"], ["Novosibirsk", "Novosibirsk Oblast", "Новосибирская область"], "Asia/Novosibirsk"),
        (["ALT"], ["Altai Krai", "Altay Krai"], "Asia/Barnaul"),
        (["AL"], ["Altai Republic", "Altay Republic"], "Asia/Barnaul"),
        (["TOM"], ["Tomsk", "Tomsk Oblast"], "Asia/Tomsk"),
        (["KEM"], ["Kemerovo", "Kemerovo Oblast", "Kuzbass"], "Asia/Novokuznetsk"),
        (["KYA"], ["Krasnoyarsk", "Krasnoyarsk Krai"], "Asia/Krasnoyarsk"),
        (["KK"], ["Khakassia"], "Asia/Krasnoyarsk"),
        (["TY"], ["Tuva", "Tyva"], "Asia/Krasnoyarsk"),
        (["IRK"], ["Irkutsk", "Irkutsk Oblast"], "Asia/Irkutsk"),
        (["BU"], ["Buryatia"], "Asia/Irkutsk"),
        (["ZAB"], ["Zabaykalsky", "Zabaykalsky Krai", "Zabaikalsky Krai"], "Asia/Chita"),
        (["SA"], ["Sakha", "Sakha Republic", "Yakutia"], "Asia/Yakutsk"), // Yakutsk is most of its people; the east is by district only
        (["AMU"], ["Amur", "Amur Oblast"], "Asia/Yakutsk"),
        (["PRI"], ["Primorsky", "Primorsky Krai", "Primorye"], "Asia/Vladivostok"),
        (["KHA"], ["Khabarovsk", "Khabarovsk Krai"], "Asia/Vladivostok"),
        (["YEV"], ["Jewish Autonomous Oblast"], "Asia/Vladivostok"),
        (["MAG"], ["Magadan", "Magadan Oblast"], "Asia/Magadan"),
        (["SAK"], ["Sakhalin", "Sakhalin Oblast"], "Asia/Sakhalin"), // the northern Kurils (Srednekolymsk) are a small share
        (["KAM"], ["Kamchatka", "Kamchatka Krai"], "Asia/Kamchatka"),
        (["CHU"], ["Chukotka", "Chukotka Autonomous Okrug"], "Asia/Anadyr"),
        // Clocks as kept on the ground (tzdb Europe/Simferopol); ISO 3166 lists these under UA.
        ([], ["Crimea", "Republic of Crimea", "Sevastopol"], "Europe/Simferopol"),
    ]

    // MARK: Smaller multi-zone countries (tzdb rows; ISO 3166-2 codes)

    static let argentina: [Row] = [
        (["B"], ["Buenos Aires", "Provincia de Buenos Aires"], "America/Argentina/Buenos_Aires"),
        (["C", "CABA"], ["Ciudad Autónoma de Buenos Aires", "Capital Federal"], "America/Argentina/Buenos_Aires"),
        (["K"], ["Catamarca"], "America/Argentina/Catamarca"),
        (["H"], ["Chaco"], "America/Argentina/Cordoba"),
        (["U"], ["Chubut"], "America/Argentina/Catamarca"),
        (["X"], ["Córdoba"], "America/Argentina/Cordoba"),
        (["W"], ["Corrientes"], "America/Argentina/Cordoba"),
        (["E"], ["Entre Ríos"], "America/Argentina/Cordoba"),
        (["P"], ["Formosa"], "America/Argentina/Cordoba"),
        (["Y"], ["Jujuy"], "America/Argentina/Jujuy"),
        (["L"], ["La Pampa"], "America/Argentina/Salta"),
        (["F"], ["La Rioja"], "America/Argentina/La_Rioja"),
        (["M"], ["Mendoza"], "America/Argentina/Mendoza"),
        (["N"], ["Misiones"], "America/Argentina/Cordoba"),
        (["Q"], ["Neuquén"], "America/Argentina/Salta"),
        (["R"], ["Río Negro"], "America/Argentina/Salta"),
        (["A"], ["Salta"], "America/Argentina/Salta"),
        (["J"], ["San Juan"], "America/Argentina/San_Juan"),
        (["D"], ["San Luis"], "America/Argentina/San_Luis"),
        (["Z"], ["Santa Cruz"], "America/Argentina/Rio_Gallegos"),
        (["S"], ["Santa Fe"], "America/Argentina/Cordoba"),
        (["G"], ["Santiago del Estero"], "America/Argentina/Cordoba"),
        (["V"], ["Tierra del Fuego"], "America/Argentina/Ushuaia"),
        (["T"], ["Tucumán"], "America/Argentina/Tucuman"),
    ]

    static let chile: [Row] = [
        (["AI"], ["Aysén", "Aisén", "Aysén del General Carlos Ibáñez del Campo"], "America/Coyhaique"),
        (["MA"], ["Magallanes", "Magallanes y de la Antártica Chilena"], "America/Punta_Arenas"),
    ]

    static let ecuador: [Row] = [
        (["W"], ["Galápagos"], "Pacific/Galapagos"),
    ]

    static let kazakhstan: [Row] = [
        (["KZY"], ["Kyzylorda", "Qyzylorda"], "Asia/Qyzylorda"),
        (["KUS"], ["Kostanay", "Qostanay"], "Asia/Qostanay"),
        (["AKT"], ["Aktobe", "Aqtobe"], "Asia/Aqtobe"),
        (["MAN"], ["Mangystau", "Mangghystau"], "Asia/Aqtau"),
        (["ATY"], ["Atyrau"], "Asia/Atyrau"),
        (["ZAP"], ["West Kazakhstan"], "Asia/Oral"),
    ]

    static let mongolia: [Row] = [
        (["071"], ["Bayan-Ölgii", "Bayan-Olgiy"], "Asia/Hovd"),
        (["043"], ["Khovd", "Hovd"], "Asia/Hovd"),
        (["046"], ["Uvs"], "Asia/Hovd"),
    ]

    static let frenchPolynesia: [Row] = [
        ([], ["Marquesas", "Marquesas Islands", "Îles Marquises"], "Pacific/Marquesas"),
        ([], ["Gambier", "Gambier Islands", "Îles Gambier"], "Pacific/Gambier"),
    ]

    static let papuaNewGuinea: [Row] = [
        (["NSB"], ["Bougainville", "Autonomous Region of Bougainville"], "Pacific/Bougainville"),
    ]

    static let ukraine: [Row] = [
        (["43", "40"], ["Crimea", "Autonomous Republic of Crimea", "Sevastopol"], "Europe/Simferopol"),
    ]

    static let micronesia: [Row] = [
        (["TRK"], ["Chuuk"], "Pacific/Chuuk"),
        (["YAP"], ["Yap"], "Pacific/Chuuk"),
        (["PNI"], ["Pohnpei"], "Pacific/Pohnpei"),
        (["KSA"], ["Kosrae"], "Pacific/Kosrae"),
    ]

    static let kiribati: [Row] = [
        (["G"], ["Gilbert Islands"], "Pacific/Tarawa"),
        (["P"], ["Phoenix Islands"], "Pacific/Kanton"),
        (["L"], ["Line Islands"], "Pacific/Kiritimati"),
    ]

    /// DR Congo: the ten provinces of former Kinshasa, Bas-Congo, Bandundu and Équateur are
    /// West Africa Time (tzdb "west"); the rest Central Africa Time.
    static let congo: [Row] = [
        (["KN"], ["Kinshasa"], "Africa/Kinshasa"),
        (["BC"], ["Kongo Central", "Bas-Congo"], "Africa/Kinshasa"),
        (["KG"], ["Kwango"], "Africa/Kinshasa"),
        (["KL"], ["Kwilu"], "Africa/Kinshasa"),
        (["MN"], ["Mai-Ndombe"], "Africa/Kinshasa"),
        (["EQ"], ["Équateur"], "Africa/Kinshasa"),
        (["MO"], ["Mongala"], "Africa/Kinshasa"),
        (["NU"], ["Nord-Ubangi"], "Africa/Kinshasa"),
        (["SU"], ["Sud-Ubangi"], "Africa/Kinshasa"),
        (["TU"], ["Tshuapa"], "Africa/Kinshasa"),
        (["BU"], ["Bas-Uélé"], "Africa/Lubumbashi"),
        (["HU"], ["Haut-Uélé"], "Africa/Lubumbashi"),
        (["IT"], ["Ituri"], "Africa/Lubumbashi"),
        (["TO"], ["Tshopo"], "Africa/Lubumbashi"),
        (["NK"], ["Nord-Kivu", "North Kivu"], "Africa/Lubumbashi"),
        (["SK"], ["Sud-Kivu", "South Kivu"], "Africa/Lubumbashi"),
        (["MA"], ["Maniema"], "Africa/Lubumbashi"),
        (["HK"], ["Haut-Katanga"], "Africa/Lubumbashi"),
        (["HL"], ["Haut-Lomami"], "Africa/Lubumbashi"),
        (["LU"], ["Lualaba"], "Africa/Lubumbashi"),
        (["TA"], ["Tanganyika"], "Africa/Lubumbashi"),
        (["LO"], ["Lomami"], "Africa/Lubumbashi"),
        (["SA"], ["Sankuru"], "Africa/Lubumbashi"),
        (["KS"], ["Kasaï"], "Africa/Lubumbashi"),
        (["KC"], ["Kasaï-Central"], "Africa/Lubumbashi"),
        (["KE"], ["Kasaï-Oriental"], "Africa/Lubumbashi"),
    ]

    /// Indonesia: WIB (Jakarta) Sumatra and Java; Pontianak West and Central Kalimantan; WITA
    /// (Makassar) the rest of Kalimantan, Bali, Nusa Tenggara, Sulawesi; WIT (Jayapura) Maluku
    /// and Papua.
    static let indonesia: [Row] = [
        (["AC"], ["Aceh"], "Asia/Jakarta"),
        (["SU"], ["North Sumatra", "Sumatera Utara"], "Asia/Jakarta"),
        (["SB"], ["West Sumatra", "Sumatera Barat"], "Asia/Jakarta"),
        (["RI"], ["Riau"], "Asia/Jakarta"),
        (["KR"], ["Riau Islands", "Kepulauan Riau"], "Asia/Jakarta"),
        (["JA"], ["Jambi"], "Asia/Jakarta"),
        (["BE"], ["Bengkulu"], "Asia/Jakarta"),
        (["SS"], ["South Sumatra", "Sumatera Selatan"], "Asia/Jakarta"),
        (["BB"], ["Bangka Belitung", "Kepulauan Bangka Belitung"], "Asia/Jakarta"),
        (["LA"], ["Lampung"], "Asia/Jakarta"),
        (["BT"], ["Banten"], "Asia/Jakarta"),
        (["JK"], ["Jakarta", "DKI Jakarta"], "Asia/Jakarta"),
        (["JB"], ["West Java", "Jawa Barat"], "Asia/Jakarta"),
        (["JT"], ["Central Java", "Jawa Tengah"], "Asia/Jakarta"),
        (["YO"], ["Yogyakarta", "DI Yogyakarta"], "Asia/Jakarta"),
        (["JI"], ["East Java", "Jawa Timur"], "Asia/Jakarta"),
        (["KB"], ["West Kalimantan", "Kalimantan Barat"], "Asia/Pontianak"),
        (["KT"], ["Central Kalimantan", "Kalimantan Tengah"], "Asia/Pontianak"),
        (["KS"], ["South Kalimantan", "Kalimantan Selatan"], "Asia/Makassar"),
        (["KI"], ["East Kalimantan", "Kalimantan Timur"], "Asia/Makassar"),
        (["KU"], ["North Kalimantan", "Kalimantan Utara"], "Asia/Makassar"),
        (["BA"], ["Bali"], "Asia/Makassar"),
        (["NB"], ["West Nusa Tenggara", "Nusa Tenggara Barat"], "Asia/Makassar"),
        (["NT"], ["East Nusa Tenggara", "Nusa Tenggara Timur"], "Asia/Makassar"),
        (["SA"], ["North Sulawesi", "Sulawesi Utara"], "Asia/Makassar"),
        (["GO"], ["Gorontalo"], "Asia/Makassar"),
        (["ST"], ["Central Sulawesi", "Sulawesi Tengah"], "Asia/Makassar"),
        (["SR"], ["West Sulawesi", "Sulawesi Barat"], "Asia/Makassar"),
        (["SN"], ["South Sulawesi", "Sulawesi Selatan"], "Asia/Makassar"),
        (["SG"], ["Southeast Sulawesi", "Sulawesi Tenggara"], "Asia/Makassar"),
        (["MA"], ["Maluku"], "Asia/Jayapura"),
        (["MU"], ["North Maluku", "Maluku Utara"], "Asia/Jayapura"),
        (["PA"], ["Papua"], "Asia/Jayapura"),
        (["PB"], ["West Papua", "Papua Barat"], "Asia/Jayapura"),
        (["PD"], ["Southwest Papua", "Papua Barat Daya"], "Asia/Jayapura"),
        (["PT"], ["Central Papua", "Papua Tengah"], "Asia/Jayapura"),
        (["PE"], ["Highland Papua", "Papua Pegunungan"], "Asia/Jayapura"),
        (["PS"], ["South Papua", "Papua Selatan"], "Asia/Jayapura"),
    ]
}
