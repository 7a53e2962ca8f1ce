/// `realworld/canada_post/`.
extension RealWorldCorpus {
    static let canadaPost: [RealWorldCase] = []
}
