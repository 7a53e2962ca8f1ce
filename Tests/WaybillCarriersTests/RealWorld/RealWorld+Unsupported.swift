/// `realworld/unsupported/` and the folders of carriers Waybill has no adapter for.
extension RealWorldCorpus {
    static let unsupported: [RealWorldCase] = []
}
