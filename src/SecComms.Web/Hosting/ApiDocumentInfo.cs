using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecComms.Web.Hosting;

internal sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SecComms API";
        document.Info.Description =
            "External security communications with enforced approvals and a tamper-evident audit trail. " +
            "Authenticate with a personal access token: `Authorization: Bearer <token>`. Errors are RFC 9457 ProblemDetails.";
        return Task.CompletedTask;
    }
}
