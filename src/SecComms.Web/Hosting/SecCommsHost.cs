using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using SecComms.Core;
using SecComms.Core.Data;
using SecComms.Web.Advisories;
using SecComms.Web.Audit;
using SecComms.Web.Authentication;
using SecComms.Web.Communications;
using SecComms.Web.Disclosure;
using SecComms.Web.Distribution;
using SecComms.Web.Exceptions;
using SecComms.Web.Identity;
using SecComms.Web.IncidentResponse;
using SecComms.Web.Notifications;
using SecComms.Web.Policy;
using SecComms.Web.Releases;
using SecComms.Web.Vulnerabilities;

namespace SecComms.Web.Hosting;

public static class SecCommsHost
{
    /// <summary>
    /// The host's folders: the working folder holds the data and any settings of the operator's, while the static files
    /// (CSS, scripts) shipped beside a published program are served whatever folder it is started from.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new WebApplicationOptions { Args = [.. args.Where(a => a != DemoData.Switch)], WebRootPath = Directory.Exists(shipped) ? shipped : null };
    }

    /// <summary>Everything the host needs, configured from appsettings and <c>SECCOMMS__</c> environment variables.</summary>
    public static WebApplicationBuilder AddSecComms(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, ShippedSettings());
        builder.Configuration.AddEnvironmentVariables(prefix: "SECCOMMS__");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        // Its warning that keys are stored unencrypted is said once, with what it means here, by PrepareDatabaseAsync.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        var services = builder.Services;
        services.AddSecCommsCore(builder.Configuration);
        services.AddOptions<SiteOptions>()
            .PostConfigure(site => site.BaseUrl ??= builder.Environment.IsDevelopment() ? ListenAddress.First(builder.Configuration["urls"]) : null)
            .Validate(site => site.BaseUrl is not null,
                $"{SiteOptions.BaseUrlKey} is not set. Set it to the address people reach SecComms at, such as https://security.example.com " +
                "(or the environment variable SECCOMMS__SecComms__BaseUrl); links in email, feeds and advisories are built from it.");
        services.AddHttpContextAccessor();
        services.AddTrustedProxies(builder.Configuration);
        services.AddDataProtection().SetApplicationName("SecComms").PersistKeysToDbContext<SecCommsDb>();
        services.AddSecCommsAuthentication(builder.Configuration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiDocumentInfo>());
        services.AddSecCommsTelemetry(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignInContinue");
            o.Conventions.AllowAnonymousToPage("/Setup");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddSingleton<FirstAdministratorSetup>();
        services.AddHostedService<PolicyRefresh>();
        services.AddHostedService<ScheduledPublishing>();
        services.Configure<ExceptionExpiryOptions>(builder.Configuration.GetSection(ExceptionExpiryOptions.Section));
        services.AddHostedService<ExceptionExpiry>();
        services.AddHostedService<NotificationDelivery>();
        services.AddHostedService<DeadlineClock>();
        services.AddHostedService<DispatchWorker>();
        services.AddOptions<AuditAnchorOptions>().Bind(builder.Configuration.GetSection(AuditAnchorOptions.Section)).ValidateOnStart();
        services.AddSingleton<AuditHeadAnchoring>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditHeadAnchoring>());
        services.AddPublicSite(builder.Configuration);
        services.AddScoped<AdvisoryWriters>();
        return builder;
    }

    /// <summary>
    /// The appsettings.json built next to the program, read first so that one in the working folder, environment
    /// variables and arguments override it: the product runs with its defaults from any folder.
    /// </summary>
    private static JsonConfigurationSource ShippedSettings() => new()
    {
        FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        Path = "appsettings.json",
        Optional = true,
    };

    /// <remarks>
    /// A refusal on a page (a 404 from a route that matched, a NUL in the query) shows the error page with its own
    /// status, not a 500, and is no error of SecComms to log; the error page may itself be a 404.
    /// </remarks>
    public static WebApplication UseSecComms(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ProblemDetailsExceptionHandler.StatusOf,
            AllowStatusCode404Response = true,
            SuppressDiagnosticsCallback = failure => failure.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService
                || ProblemDetailsExceptionHandler.IsRefusal(failure.Exception),
        });
        app.UseWhen(IsPageRequest, pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseWhen(context => !IsPageRequest(context), machines => machines.UseStatusCodePages());
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLimits>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UsePublicResponses();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Requests from people in a browser, who get an error page; the API, probes and machine-readable documents (feeds,
    /// advisories as JSON, the CSAF directory) get ProblemDetails.
    /// </summary>
    public static bool IsPageRequest(HttpContext context) => IsPageRequest(context.Request.Path);

    public static bool IsPageRequest(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi")
        && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz")
        && !path.StartsWithSegments("/.well-known") && Path.GetExtension(path.Value) is not (".json" or ".atom" or ".ics" or ".txt" or ".csv");

    public static WebApplication MapSecComms(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthPolicies.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPolicyEndpoints();
        api.MapIdentityEndpoints();
        api.MapPeopleEndpoints();
        api.MapCommunicationEndpoints();
        api.MapDisclosureEndpoints();
        api.MapIncidentEndpoints();
        api.MapReleaseEndpoints();
        api.MapVulnerabilityEndpoints();
        api.MapExceptionEndpoints();
        api.MapAuditEndpoints();
        api.MapCvssEndpoints();
        api.MapAdvisoryExportEndpoints();
        api.MapReleaseCalendarEndpoints();
        api.MapAudienceEndpoints();
        api.MapDispatchEndpoints();
        api.MapWebhookEndpoints();

        app.MapSingleSignOnEndpoints();
        app.MapPublicSiteEndpoints();
        app.MapPublicAdvisoryExports();
        app.MapCsafProvider();
        app.MapPublicReleaseCalendar();
        app.MapRazorPages();
        return app;
    }
}
