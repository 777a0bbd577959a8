using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecComms.Web.Hosting;

internal sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SecComms API";
        document.Info.Description =
            "External security communications with enforced approvals and a tamper-evident audit trail. " +
            "Authenticate with a personal access token: `Authorization: Bearer <token>`. Errors are RFC 9457 ProblemDetails.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (scm_…), created in the UI under Tokens or with POST /api/v1/tokens.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
