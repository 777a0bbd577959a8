namespace SecComms.Core.Identity.SingleSignOn;

/// <summary>One OpenID Connect provider people sign in with; bound from the <c>SingleSignOn</c> configuration section.</summary>
/// <remarks>Single sign-on is on when <see cref="Authority"/> is set.</remarks>
public sealed class SingleSignOnOptions
{
    public const string Section = "SingleSignOn";

    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "profile", "email"];

    /// <summary>The provider's issuer address, where its <c>/.well-known/openid-configuration</c> is.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for; unset: openid, profile and email.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>The provider's name on the sign-in button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The ID token claim that lists the person's groups (or roles) at the provider.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Which SecComms teams and role each provider group gives. Only people in at least one of these groups sign in.</summary>
    public List<GroupMapping> Groups { get; set; } = [];

    /// <summary>Whether someone the provider vouches for, with no SecComms account, gets one at their first sign-in.</summary>
    public bool CreatePeople { get; set; }

    /// <summary>
    /// Whether an existing account is linked by an email the provider sends without <c>email_verified: true</c>: set it
    /// only for a provider that issues addresses solely in domains the company owns (Microsoft Entra ID sends no such claim).
    /// </summary>
    public bool EmailsAreVerified { get; set; }

    /// <summary>Whether people may still sign in with a password; false leaves the provider the only way in to the pages.</summary>
    public bool LocalPasswords { get; set; } = true;

    /// <summary>How long a session the provider started lasts, from sign-in and never extended; then the provider is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Whether the provider's metadata and keys must come over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> EffectiveScopes => Scopes is { Length: > 0 } scopes ? scopes : DefaultScopes;
}

/// <summary>
/// A provider group, the SecComms teams it gives and, if any, the role: of the roles a person's groups give, the highest
/// (admin, then member, then viewer) is theirs; when none gives one, member.
/// </summary>
public sealed class GroupMapping
{
    public string? Group { get; set; }

    public List<string> Teams { get; set; } = [];

    public UserRole? Role { get; set; }
}
