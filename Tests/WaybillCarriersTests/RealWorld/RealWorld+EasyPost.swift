/// `realworld/easypost/`.
extension RealWorldCorpus {
    static let easyPost: [RealWorldCase] = []
}
