using SecComms.Core.Identity;

namespace SecComms.Web.Pages.People;

/// <summary>How the people pages name roles, kinds and states.</summary>
internal static class PeopleDisplay
{
    public static string Role(UserRole role) => role switch
    {
        UserRole.Admin => "Administrator",
        _ => role.ToString(),
    };

    public static string Kind(UserKind kind) => kind == UserKind.ServiceAccount ? "Service account" : "Person";

    public static string Status(PersonSummary person) => person.Status == PersonStatus.Deactivated ? "Deactivated" : "Active";

    public static string StatusClass(PersonSummary person) =>
        "token-state token-state-" + (person.Status == PersonStatus.Deactivated ? "revoked" : "active");

    /// <summary>How they last came in: a sign-in for a person, a token for a service account.</summary>
    public static DateTimeOffset? LastSeen(PersonSummary person) =>
        person.Kind == UserKind.ServiceAccount ? person.LastTokenUseAt : person.LastSignInAt;

    public static string IncidentRole(string role) => role switch
    {
        "incident-manager" => "Incident manager",
        "communications-manager" => "Communications manager",
        _ => "Engineer",
    };
}

/// <summary>The fields of the forms that add a person or a service account.</summary>
public sealed class PersonForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public UserRole Role { get; set; } = UserRole.Member;
    public List<string> Teams { get; set; } = [];
    /// <summary>Email them a link to choose their password; only for a person.</summary>
    public bool Invite { get; set; } = true;
}

/// <summary>The email, name, role and teams fields of one of the forms that add someone.</summary>
/// <param name="Form">The bound property the fields belong to, such as <c>Person</c>.</param>
/// <param name="Prefix">What their ids start with, unique on the page.</param>
/// <param name="Values">The values to show.</param>
/// <param name="Teams">The teams the reader may give.</param>
/// <param name="EmailHint">What the email is for.</param>
/// <param name="Errors">The page's errors, of which those of these fields are shown beside them.</param>
public sealed record PersonFieldsModel(string Form, string Prefix, PersonForm Values, IReadOnlyList<Core.Policy.Team> Teams, string EmailHint,
    Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary Errors)
{
    public string? ErrorFor(string field) =>
        Errors.TryGetValue($"{Form}.{field}", out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
