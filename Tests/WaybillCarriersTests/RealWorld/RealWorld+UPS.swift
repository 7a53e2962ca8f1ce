/// `realworld/ups/`.
extension RealWorldCorpus {
    static let ups: [RealWorldCase] = []
}
