using SecComms.Core.Policy;

namespace SecComms.Web.Policy;

public static class PolicyEndpoints
{
    public sealed record PolicyResponse(string Name, string Hash, IReadOnlyList<Team> Teams, IReadOnlyList<CategoryResponse> Categories);

    public sealed record CategoryResponse(string Key, string Name, string Area, string Owner, bool ConfidentialByDefault, IReadOnlyList<string> Channels);

    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/policy", (SecCommsPolicy policy) => TypedResults.Ok(new PolicyResponse(
                policy.Name,
                policy.Hash,
                [.. policy.Teams.Values],
                [.. policy.Categories.Values.Select(c => new CategoryResponse(c.Key, c.Name, c.Area, c.Owner, c.ConfidentialByDefault, c.Channels))])))
            .WithName("GetPolicy")
            .WithSummary("The effective policy: teams and categories, identified by its hash.")
            .WithTags("Policy");
        return api;
    }
}
