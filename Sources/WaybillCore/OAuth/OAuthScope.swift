/// OAuth scopes are the raw values of `Permission` (`shipments:read`, `tenant:manage`, ...); a
/// token may carry those its client's role allows, and can do no more than they allow.
public enum OAuthScope {
    /// The permissions `role` allows, in `Permission.allCases` order.
    public static func all(of role: Role) -> [Permission] {
        Permission.allCases.filter(role.allows)
    }

    /// The permissions a space-separated `scope` asks for; nil when it names something that is not a
    /// permission. An empty or blank scope asks for nothing.
    public static func parse(_ scope: String) -> Set<Permission>? {
        var permissions = Set<Permission>()
        for word in scope.split(separator: " ", omittingEmptySubsequences: true) {
            guard let permission = Permission(rawValue: String(word)) else { return nil }
            permissions.insert(permission)
        }
        return permissions
    }

    /// `permissions` as a scope string, in `Permission.allCases` order.
    public static func string(_ permissions: some Sequence<Permission>) -> String {
        let set = Set(permissions)
        return Permission.allCases.filter(set.contains).map(\.rawValue).joined(separator: " ")
    }
}
