using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SecComms.Core.Telemetry;

namespace SecComms.Web.Hosting;

/// <summary>The <c>Telemetry</c> settings: whether traces and metrics are collected, and where they are sent.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Collects traces and metrics; on by itself when <see cref="OtlpEndpoint"/> is set.</summary>
    public bool Enabled { get; set; }

    /// <summary>The OpenTelemetry collector to send to, such as http://otel-collector:4318.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (port 4318, the default) or <c>Grpc</c> (port 4317).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>The <c>service.name</c> traces and metrics carry, to tell SecComms apart from other services.</summary>
    public string ServiceName { get; set; } = "seccomms";
}

internal static class Telemetry
{
    /// <summary>
    /// Traces requests, outgoing HTTP calls (webhooks) and SecComms's own work, and measures requests and what
    /// <see cref="SecCommsTelemetry"/> counts, when the settings ask for it.
    /// </summary>
    public static IServiceCollection AddSecCommsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled && options.OtlpEndpoint is null)
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing.AddSource(SecCommsTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(SecCommsTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        }
        return services;
    }
}
