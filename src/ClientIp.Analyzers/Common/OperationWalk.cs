using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Common;

/// <summary>Small, allocation-light helpers over the IOperation tree shared by every analyzer (reads and configuration).</summary>
internal static class OperationWalk
{
    public static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The instance of a call, or the <c>this</c> argument of an extension method call.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ??
        (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    /// <summary>
    /// The call that <paramref name="current"/> is the receiver of: <c>current.M()</c>, or an extension call
    /// <c>current.First()</c>, whose receiver is the first argument.
    /// </summary>
    public static IInvocationOperation? InvocationOnReceiver(IOperation current) => current.Parent switch
    {
        IInvocationOperation invocation when invocation.Instance == current => invocation,
        IArgumentOperation { Parent: IInvocationOperation invocation } argument
            when invocation.Instance is null && invocation.TargetMethod.IsExtensionMethod &&
                 invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument => invocation,
        _ => null,
    };

    /// <summary>True when the operation is written to (assignment, compound or coalescing assignment, ref/out).</summary>
    public static bool IsWriteTarget(IOperation operation)
    {
        var parent = operation.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == operation,
            IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } => true,
            IIncrementOrDecrementOperation => true,
            _ => false,
        };
    }

    /// <summary>True inside <c>nameof(...)</c>, where a member is named, not read.</summary>
    public static bool IsInNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The outermost operation of the body that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The innermost lambda or local function around <paramref name="operation"/>, else the whole body.</summary>
    public static IOperation EnclosingFunction(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null && current is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>True for the operations where a walk up the tree leaves the current lambda or local function.</summary>
    public static bool IsFunctionBoundary(IOperation operation) =>
        operation is IAnonymousFunctionOperation or ILocalFunctionOperation;

    public static IEnumerable<ILocalReferenceOperation> References(IOperation root, ILocalSymbol local, CancellationToken ct)
    {
        foreach (var descendant in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>
    /// For <c>a?.b</c>: the placeholder standing for <c>a</c> inside <c>.b</c>, so a walk from <c>a</c> can continue there.
    /// </summary>
    public static IConditionalAccessInstanceOperation? InstanceOf(IConditionalAccessOperation conditionalAccess)
    {
        foreach (var descendant in conditionalAccess.WhenNotNull.DescendantsAndSelf())
        {
            if (descendant is IConditionalAccessInstanceOperation instance && Owner(instance) == conditionalAccess)
            {
                return instance;
            }
        }

        return null;
    }

    /// <summary>The conditional access whose receiver <paramref name="instance"/> stands for.</summary>
    public static IConditionalAccessOperation? Owner(IConditionalAccessInstanceOperation instance)
    {
        for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && !IsWithin(instance, access.Operation))
            {
                return access;
            }
        }

        return null;
    }

    public static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The operation tree of a method or local function declared in <paramref name="compilation"/> (one declaration),
    /// bound in its own file; null for metadata, partial or abstract members and other projects' code.
    /// </summary>
    public static IOperation? SourceBody(IMethodSymbol method, Compilation compilation, CancellationToken ct)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(ct);
        if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax) ||
            !compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return null;
        }

#pragma warning disable RS1030 // The member may be declared in another file than the one being analyzed; the driver caches models.
        return compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration, ct);
#pragma warning restore RS1030
    }

    /// <summary><c>null</c>, <c>""</c>, <c>default</c> or an <c>Empty</c> field (<c>string.Empty</c>, <c>StringValues.Empty</c>): what a presence test compares with.</summary>
    public static bool IsNullOrEmptyConstant(IOperation operation)
    {
        var value = SkipConversions(operation);
        return value is IDefaultValueOperation or IFieldReferenceOperation { Field.Name: "Empty" } ||
            (value?.ConstantValue is { HasValue: true } constant && (constant.Value is null || constant.Value is string { Length: 0 }));
    }

    public static bool IsConstantZero(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: int and 0 };
}
