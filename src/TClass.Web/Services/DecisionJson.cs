using System.Text.Json.Serialization;

namespace TClass.Web;

/// <summary>The JSON the page writes itself, serialized without reflection (the build trims it away).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class DecisionJson : JsonSerializerContext;
