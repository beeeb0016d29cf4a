using NJsonSchema;
using TClass.Documents;

namespace TClass.Tests.Documents;

/// <summary>
/// The built-in schemas are validated from programs compiled ahead of time
/// (<c>rules/schema/*.program.json</c>). Each must be exactly what compiling its schema with NJsonSchema
/// gives now, so editing a schema without regenerating its program fails here. Run with
/// TCLASS_UPDATE_SCHEMAS=1 to rewrite the programs.
/// </summary>
public sealed class SchemaProgramFileTests
{
    [Theory]
    [InlineData("manifest")]
    [InlineData("ruleset")]
    [InlineData("conformance")]
    public async Task The_stored_program_is_the_schema_compiled_now(string name)
    {
        var folder = Path.Combine(TestData.RepoRoot, "rules", "schema");
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(folder, name + ".schema.json")));
        var compiled = SchemaProgramJson.Write(SchemaProgram.Compile(schema));
        var file = Path.Combine(folder, name + ".program.json");
        if (Environment.GetEnvironmentVariable("TCLASS_UPDATE_SCHEMAS") == "1")
        {
            await File.WriteAllTextAsync(file, compiled);
        }

        Assert.True(File.Exists(file) && await File.ReadAllTextAsync(file) == compiled,
            $"rules/schema/{name}.program.json is not {name}.schema.json compiled: run TCLASS_UPDATE_SCHEMAS=1 dotnet test --filter SchemaProgramFileTests.");
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("ruleset")]
    [InlineData("conformance")]
    public void A_program_read_back_writes_the_same_text(string name)
    {
        var text = File.ReadAllText(Path.Combine(TestData.RepoRoot, "rules", "schema", name + ".program.json"));
        Assert.Equal(text, SchemaProgramJson.Write(SchemaProgramJson.Read(text)));
    }
}
