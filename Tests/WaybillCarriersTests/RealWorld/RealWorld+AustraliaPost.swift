/// `realworld/australia_post/`.
extension RealWorldCorpus {
    static let australiaPost: [RealWorldCase] = []
}
