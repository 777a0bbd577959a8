namespace SecComms.Core.Identity.SingleSignOn;

/// <summary>
/// Who the provider says signed in, from an ID token whose signature, issuer, audience, lifetime and nonce were checked:
/// <c>iss</c>, <c>sub</c>, <c>email</c> and <c>email_verified</c>, <c>name</c>, the groups claim and the session (<c>sid</c>).
/// </summary>
public sealed record ProviderIdentity(
    string Issuer,
    string Subject,
    string? Email,
    bool EmailVerified,
    string? Name,
    IReadOnlyList<string> Groups,
    string? SessionId);

/// <summary>Why a person the provider vouched for was not let in; <see cref="ProviderSignIn.Explain"/> says it to them.</summary>
public enum ProviderSignInRefusal
{
    /// <summary>None of their groups is mapped to SecComms.</summary>
    NoMappedGroup,
    /// <summary>No account is linked to them or has their email, and people are not created at sign-in.</summary>
    NoAccount,
    Deactivated,
    /// <summary>The account with their email is a service account, which never signs in to the pages.</summary>
    ServiceAccount,
    /// <summary>The account with their email is linked to someone else at the provider.</summary>
    LinkedToAnother,
    /// <summary>An account has their email, and the provider did not say it verified the address.</summary>
    EmailNotVerified,
    /// <summary>The provider sent no usable email address or subject.</summary>
    IncompleteIdentity,
    /// <summary>Their new email at the provider is another account's.</summary>
    EmailTaken,
}

/// <summary>The person signed in, or why not.</summary>
public sealed record ProviderSignInResult(User? User, ProviderSignInRefusal? Refusal);
