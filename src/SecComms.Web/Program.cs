using SecComms.Web.Hosting;

var builder = WebApplication.CreateBuilder(SecCommsHost.Options(args));
builder.AddSecComms();

var app = builder.Build();
if (!await app.PrepareDatabaseAsync(demo: args.Contains(DemoData.Switch)))
{
    return 1;
}
app.UseSecComms();
app.MapSecComms();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point, visible to integration tests.</summary>
public partial class Program;
