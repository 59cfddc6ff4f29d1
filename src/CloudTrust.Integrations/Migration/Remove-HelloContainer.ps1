<#
.SYNOPSIS
    Intune Remediations remediation script (run as the signed-in user): deletes this user's Windows Hello for
    Business container so that they provision again under cloud Kerberos trust. Irreversible for the user's current
    WHfB credentials; CloudTrust deploys it only after the ring's approval.
.DESCRIPTION
    Runs `certutil.exe -deletehellocontainer`, then records HKCU:\Software\CloudTrust\HelloContainerDeleted so the
    detection script never asks for it again. Prints one line of JSON; exit code 0 on success, 1 on failure.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
& "$env:SystemRoot\System32\certutil.exe" -deletehellocontainer | Out-Null
$code = $LASTEXITCODE
if ($code -eq 0) {
    New-Item -Path 'HKCU:\Software\CloudTrust' -Force | Out-Null
    New-ItemProperty -Path 'HKCU:\Software\CloudTrust' -Name 'HelloContainerDeleted' -Value ([DateTime]::UtcNow.ToString('o')) -PropertyType String -Force | Out-Null
}
Write-Output (@{ probe = 'cloudtrust-hello-container/1'; deleted = ($code -eq 0); exitCode = $code } | ConvertTo-Json -Compress)
if ($code -ne 0) { exit 1 }
exit 0
