using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using TClass.Web;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddSingleton<PageState>();
builder.Services.AddSingleton<BundledCards>();
await builder.Build().RunAsync();
