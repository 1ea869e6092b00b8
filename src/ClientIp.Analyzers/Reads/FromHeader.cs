using System.Collections.Generic;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.Analyzers.Reads;

/// <summary>Model binding from a client-IP header: <c>[FromHeader(Name = "X-Forwarded-For")]</c> (any attribute
/// implementing <c>IFromHeaderMetadata</c>; without a name the parameter or property name is the header).</summary>
internal static class FromHeader
{
    public static (AttributeData Attribute, string Header)? Find(ISymbol symbol, WellKnownSymbols symbols)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!symbols.IsFromHeaderAttribute(attribute.AttributeClass))
            {
                continue;
            }

            var name = symbol.Name;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Name" && argument.Value.Kind == TypedConstantKind.Primitive && argument.Value.Value is string given)
                {
                    name = given;
                }
            }

            return ClientIpHeaders.Canonical(name) is { } header ? (attribute, header) : null;
        }

        return null;
    }

    public static string? HeaderOf(ISymbol symbol, WellKnownSymbols symbols) => Find(symbol, symbols)?.Header;

    /// <summary>
    /// Whether any attribute of a declaration may bind a header, from the syntax alone: false only when every attribute
    /// is one the framework defines for another purpose (<c>[FromQuery]</c>, <c>[Required]</c>, <c>[JsonPropertyName]</c>
    /// ...), which is nearly every attributed parameter and property of an app. Anything else, including a custom or
    /// aliased name, is left to the symbols.
    /// </summary>
    public static bool MayBindHeader(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (!OtherPurposeAttributes.Contains(SimpleName(attribute.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Model binding from elsewhere, validation, serialization, persistence, nullability and caller information,
    // Blazor parameters: the attributes seen on parameters and properties, without the Attribute suffix.
    private static readonly HashSet<string> OtherPurposeAttributes = new()
    {
        "FromQuery", "FromBody", "FromRoute", "FromForm", "FromServices", "FromKeyedServices", "FromUri", "AsParameters",
        "ModelBinder", "BindNever", "BindRequired", "Bind", "BindProperty",
        "Required", "Range", "StringLength", "MinLength", "MaxLength", "Length", "RegularExpression", "EmailAddress", "Phone",
        "Url", "Compare", "DataType", "Display", "DisplayName", "DisplayFormat", "Editable", "DefaultValue", "Description",
        "AllowedValues", "DeniedValues", "Base64String", "CreditCard", "FileExtensions",
        "JsonPropertyName", "JsonIgnore", "JsonRequired", "JsonConverter", "JsonPropertyOrder", "JsonInclude", "JsonExtensionData",
        "JsonProperty", "DataMember", "IgnoreDataMember", "XmlElement", "XmlAttribute", "XmlIgnore",
        "Key", "NotMapped", "Column", "ForeignKey", "Timestamp", "ConcurrencyCheck", "DatabaseGenerated", "InverseProperty",
        "Precision", "Unicode",
        "NotNull", "MaybeNull", "AllowNull", "DisallowNull", "NotNullWhen", "MaybeNullWhen", "NotNullIfNotNull",
        "CallerMemberName", "CallerFilePath", "CallerLineNumber", "CallerArgumentExpression", "EnumeratorCancellation",
        "Obsolete", "EditorBrowsable", "SetsRequiredMembers", "StringSyntax", "DynamicallyAccessedMembers", "Optional",
        "Parameter", "CascadingParameter", "Inject", "EditorRequired", "SupplyParameterFromQuery", "SupplyParameterFromForm",
    };

    private static string SimpleName(NameSyntax name)
    {
        var text = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        const string Suffix = "Attribute";
        return text.Length > Suffix.Length && text.EndsWith(Suffix, System.StringComparison.Ordinal) ? text.Substring(0, text.Length - Suffix.Length) : text;
    }
}
