using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Web.Authentication;

namespace SecComms.Web.Identity;

public static class IdentityEndpoints
{
    public sealed record MeResponse(Guid Id, string Email, string Name, UserRole Role, IReadOnlyList<string> Teams);

    public sealed record NewTokenRequest(string? Name, int? ExpiresInDays);

    public sealed record NewUserRequest(string? Email, string? Name, IReadOnlyList<string>? Teams, UserRole? Role, string? Password);

    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (Actor actor) => TypedResults.Ok(Me(actor)))
            .WithName("GetMe").WithSummary("Who the token belongs to: role and teams.").WithTags("Identity");

        var tokens = api.MapGroup("/tokens").WithTags("Identity");
        tokens.MapGet("/", async (Actor actor, AccessTokens service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(actor, ct)))
            .WithName("ListTokens").WithSummary("Your personal access tokens, without their secrets.");
        tokens.MapPost("/", async Task<Created<IssuedToken>> (NewTokenRequest request, Actor actor, AccessTokens service, ClaimsPrincipal user,
                CancellationToken ct) =>
            {
                var notAfter = DateTimeOffset.TryParse(user.FindFirstValue(AuthPolicies.TokenExpiresClaim), CultureInfo.InvariantCulture,
                    DateTimeStyles.RoundtripKind, out var expires) ? expires : (DateTimeOffset?)null;
                var token = await service.IssueAsync(actor, request.Name, request.ExpiresInDays, notAfter, ct);
                return TypedResults.Created($"/api/v1/tokens/{token.Id}", token);
            })
            .WithName("CreateToken").WithSummary("Creates a token; its secret is in this response only. It may not outlive the token that creates it.");
        tokens.MapDelete("/{id:guid}", async (Guid id, Actor actor, AccessTokens service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevokeAsync(actor, id, ct)))
            .WithName("RevokeToken").WithSummary("Revokes a token at once; the record stays for the audit trail.");

        var users = api.MapGroup("/users").WithTags("Identity").RequireAuthorization(AuthPolicies.ApiAdmin);
        users.MapGet("/", async (SecCommsDb db, CancellationToken ct) =>
            {
                var all = await db.Users.AsNoTracking().Include(u => u.Teams).OrderBy(u => u.Email).ToListAsync(ct);
                return TypedResults.Ok(all.Select(u => Me(Actor.From(u))).ToList());
            })
            .WithName("ListUsers").WithSummary("Everyone, with role and teams (administrators only).");
        users.MapPost("/", async Task<Created<MeResponse>> (NewUserRequest request, Actor actor, UserDirectory directory, CancellationToken ct) =>
            {
                var user = await directory.AddAsync(
                    new NewUser(request.Email, request.Name, request.Teams ?? [], request.Role ?? UserRole.Member, request.Password),
                    new TeamGrantor.Person(actor), ct);
                return TypedResults.Created($"/api/v1/users/{user.Id}", Me(Actor.From(user)));
            })
            .WithName("CreateUser").WithSummary("Adds a person with a role and teams (administrators only, granting only teams they are in).");
        return api;
    }

    private static MeResponse Me(Actor actor) => new(actor.UserId, actor.Email, actor.Name, actor.Role, [.. actor.Teams.Order(StringComparer.Ordinal)]);
}
