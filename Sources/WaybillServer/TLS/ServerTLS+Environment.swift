import Foundation

extension ServerTLS {
    /// The HTTPS settings of `waybill serve`: the options, else `WAYBILL_TLS_CERT` and
    /// `WAYBILL_TLS_KEY`; nil (plain HTTP) when neither file is named.
    public static func resolve(certificateFile: String?, keyFile: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(TLSSetupError) -> ServerTLS? {
        func named(_ option: String?, _ file: TLSSetupError.File) -> String? {
            (option ?? environment[file.variable]).flatMap { $0.isEmpty ? nil : $0 }
        }
        let certificate = named(certificateFile, .certificate)
        let key = named(keyFile, .key)
        switch (certificate, key) {
        case (nil, nil): return nil
        case (nil, _): throw .incomplete(missing: .certificate)
        case (_, nil): throw .incomplete(missing: .key)
        case (let certificate?, let key?):
            return try load(certificateFile: certificate, keyFile: key, hstsMaxAge: try hstsMaxAge(environment))
        }
    }

    private static func hstsMaxAge(_ environment: [String: String]) throws(TLSSetupError) -> Int {
        guard let text = environment["WAYBILL_HSTS_MAX_AGE_SECONDS"], !text.isEmpty else { return defaultHSTSMaxAge }
        guard let seconds = Int(text), seconds >= 0 else { throw .invalidHSTSMaxAge(text) }
        return seconds
    }
}
