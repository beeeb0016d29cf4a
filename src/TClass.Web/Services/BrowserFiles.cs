using Microsoft.JSInterop;

namespace TClass.Web;

/// <summary>Files made in the page, handed to the browser to save as a local blob (<c>tclassSave</c> in wwwroot/index.html): nothing leaves the page.</summary>
public static class BrowserFiles
{
    /// <summary>Saves <paramref name="content"/> as a file named <paramref name="name"/> of media type <paramref name="type"/>.</summary>
    public static Task Save(this IJSRuntime js, string name, string type, string content) =>
        js.InvokeVoidAsync("tclassSave", name, type, content).AsTask();
}
