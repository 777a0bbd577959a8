using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Web.Authentication;

namespace SecComms.Web.Policy;

public static class PolicyEndpoints
{
    public sealed record PolicyResponse(
        string Name,
        string Hash,
        string Source,
        IReadOnlyList<Team> Teams,
        ExceptionRules Exceptions,
        SafeRules Safe,
        IReadOnlyList<CategoryResponse> Categories,
        ReleasePolicyView Releases);

    public sealed record CategoryResponse(
        string Key,
        string Name,
        string Area,
        string Owner,
        bool ConfidentialByDefault,
        IReadOnlyList<string> Channels,
        IReadOnlyList<ApprovalStage> Approvals,
        IReadOnlyList<string> Consult,
        IReadOnlyList<string> Fyi,
        IReadOnlyList<string> Gates,
        string NormalDeadline,
        string EmergencyDeadline,
        bool OnePersonMayFillSeveralStages);

    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/policy").WithTags("Policy");
        policy.MapGet("/", (PolicyStore store) => TypedResults.Ok(Describe(store)))
            .WithName("GetPolicy")
            .WithSummary("The effective policy: teams, the approval matrix per category, gates, deadlines, exception and SAFE rules, and what a security release generates in which categories.");

        policy.MapGet("/yaml", (PolicyStore store) => TypedResults.Text(store.Yaml, "application/yaml", Encoding.UTF8))
            .WithName("GetPolicyYaml")
            .WithSummary("The effective policy's YAML source, byte for byte what its hash covers.");

        policy.MapGet("/versions", async (PolicyVersions versions, CancellationToken ct) => TypedResults.Ok(await versions.ListAsync(ct)))
            .WithName("ListPolicyVersions")
            .WithSummary("Every policy that has been in force, newest first.");

        policy.MapPut("/", async Task<Ok<PolicyResponse>> (HttpRequest request, Actor actor, PolicyVersions versions, PolicyStore store, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                await versions.ReplaceAsync(actor, await reader.ReadToEndAsync(ct), PolicyChannel.Api, ct);
                return TypedResults.Ok(Describe(store));
            })
            .RequireAuthorization(AuthPolicies.ApiAdmin)
            .Accepts<string>("application/yaml", "text/yaml", "text/plain")
            .ProducesValidationProblem()
            .WithName("ReplacePolicy")
            .WithSummary("Puts a new policy (YAML body) in force. Every problem is reported with its line, and the old policy stays.");
        return api;
    }

    private static PolicyResponse Describe(PolicyStore store)
    {
        var p = store.Current;
        return new PolicyResponse(p.Name, p.Hash, store.Source, [.. p.Teams.Values], p.Exceptions, p.Safe,
        [
            .. p.Categories.Values.Select(c => new CategoryResponse(c.Key, c.Name, c.Area, c.Owner, c.ConfidentialByDefault, c.Channels,
                c.Approvals, c.Consult, c.Fyi, c.Gates, Durations.Format(c.Deadlines.Normal), Durations.Format(c.Deadlines.Emergency),
                c.OnePersonMayFillSeveralStages)),
        ], ReleasePolicyView.From(p));
    }
}
