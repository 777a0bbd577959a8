using SecComms.Core.Identity;

namespace SecComms.Web.Tests.Authorization;

/// <summary>One kind of person the matrix asks as; <see cref="Anonymous"/> sends no token at all.</summary>
public sealed record Persona(string Name, string[] Teams, UserRole Role = UserRole.Member)
{
    public bool Anonymous => Name == People.Anonymous.Name;

    public bool In(string team) => Teams.Contains(team);

    public bool IsAdmin => Role == UserRole.Admin;

    public bool IsViewer => Role == UserRole.Viewer;

    /// <summary>Signed in with a role that changes things: a member or an administrator.</summary>
    public bool IsWriter => !Anonymous && !IsViewer;

    public override string ToString() => Name;
}

/// <summary>Everyone the matrix asks as: one member of each team of the default policy, and the people a rule names.</summary>
public static class People
{
    public static readonly Persona Anonymous = new("anonymous", []);
    public static readonly Persona Viewer = new("viewer (support)", ["support"], UserRole.Viewer);
    public static readonly Persona Security = new("security member", ["security"]);
    public static readonly Persona Appsec = new("appsec member, preparer of the release", ["appsec"]);
    public static readonly Persona Marketing = new("corporate-marketing member", ["corporate-marketing"]);
    public static readonly Persona Legal = new("legal member", ["legal"]);
    public static readonly Persona Product = new("product member", ["product"]);
    public static readonly Persona Support = new("support member", ["support"]);
    public static readonly Persona CustomerSuccess = new("customer-success member", ["customer-success"]);
    public static readonly Persona AdminOutsideSecurity = new("administrator (legal)", ["legal"], UserRole.Admin);
    public static readonly Persona Author = new("author (security)", ["security"]);
    public static readonly Persona Participant = new("participant (legal)", ["legal"]);

    public static readonly Persona[] All =
    [
        Anonymous, Viewer, Security, Appsec, Marketing, Legal, Product, Support, CustomerSuccess, AdminOutsideSecurity, Author, Participant,
    ];

    /// <summary>Signed in but outside security: the people a hidden record must not be shown or changed by.</summary>
    public static readonly Persona[] Outsiders = [Support, Viewer, AdminOutsideSecurity];
}
