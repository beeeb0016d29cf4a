using System.Diagnostics;
using System.Net;
using System.Text;

namespace TClass.Web.Tests;

/// <summary>
/// The published site, served from 127.0.0.1 as any static host would serve it: files as they are,
/// Brotli where the browser accepts it, index.html for the app's routes. The site is
/// <c>TCLASS_WEB_SITE</c> (what <c>.ci/run</c> publishes), else published here once.
/// </summary>
public sealed class PublishedSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _published;

    public PublishedSite()
    {
        var site = Environment.GetEnvironmentVariable("TCLASS_WEB_SITE");
        if (string.IsNullOrEmpty(site))
        {
            _published = Directory.CreateTempSubdirectory("tclass-site-").FullName;
            Publish(_published);
            site = _published;
        }

        Root = Path.Combine(site, "wwwroot");
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Address = $"http://127.0.0.1:{port}/";
        _ = Task.Run(Serve);
    }

    /// <summary>The folder served.</summary>
    public string Root { get; }

    /// <summary>The site's address, ending in /.</summary>
    public string Address { get; }

    /// <summary>The site served under /tclass/ as well, with that base, as a project page is.</summary>
    public string SubPath => Address + "tclass/";

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
        var sub = path.StartsWith("/tclass/", StringComparison.Ordinal);
        var relative = (sub ? path["/tclass/".Length..] : path.TrimStart('/')).Replace('/', Path.DirectorySeparatorChar);
        var file = Path.GetFullPath(Path.Combine(Root, relative));
        if (!file.StartsWith(Root, StringComparison.Ordinal) || relative.Length == 0 || !File.Exists(file) && Path.GetExtension(file).Length == 0)
        {
            file = Path.Combine(Root, "index.html");
        }

        if (!File.Exists(file))
        {
            response.StatusCode = 404;
            return;
        }

        var bytes = File.ReadAllBytes(file);
        if (Path.GetFileName(file) == "index.html")
        {
            var html = Encoding.UTF8.GetString(bytes);
            bytes = Encoding.UTF8.GetBytes(sub ? html.Replace("<base href=\"/\" />", "<base href=\"/tclass/\" />", StringComparison.Ordinal) : html);
        }
        else if ((context.Request.Headers["Accept-Encoding"] ?? "").Contains("br", StringComparison.Ordinal) && File.Exists(file + ".br"))
        {
            bytes = File.ReadAllBytes(file + ".br");
            response.AddHeader("Content-Encoding", "br");
        }

        response.ContentType = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" or ".mjs" => "text/javascript",
            ".css" => "text/css",
            ".wasm" => "application/wasm",
            ".json" => "application/json",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            _ => "application/octet-stream",
        };
        response.ContentLength64 = bytes.Length;
        try
        {
            response.OutputStream.Write(bytes);
        }
        catch (HttpListenerException)
        {
            // The browser went away.
        }
    }

    private static void Publish(string output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine(Repository.Root, "src", "TClass.Web"), "-c", "Release", "-o", output, "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish src/TClass.Web failed:\n" + log + error.Result);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
        if (_published is not null)
        {
            Directory.Delete(_published, recursive: true);
        }
    }
}
