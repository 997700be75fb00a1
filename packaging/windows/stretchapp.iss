; Inno Setup script for StretchApp's Windows installer.
;
; Built by .github/workflows/packages.yml on a hosted Windows runner (see docs/packaging.md):
;   python packaging\make-platform-icons
;   pyinstaller --noconfirm --clean --distpath dist packaging\stretchapp.spec
;   ISCC.exe /DAppVersion=VERSION packaging\windows\stretchapp.iss
; which writes dist\StretchApp-VERSION-setup.exe. VERSION is stretchapp.__version__.
;
; Installs for the current user only, without administrator rights (an install for everyone
; would run as an administrator, whose HKCU is not the user's: the uninstaller could not remove
; the user's "start at login" value), adds a Start-menu entry (and a desktop one if asked), and
; its uninstaller removes the program and the "start at login" value StretchApp may have
; written under HKCU\Software\Microsoft\Windows\CurrentVersion\Run. An update first removes the
; old build's _internal folder, so no file the new build dropped is left behind. The user's
; routines, settings and history (in %LOCALAPPDATA%\stretchapp\stretchapp) are left alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\stretchapp"
#endif

[Setup]
AppId={{6F1D3C52-8E0B-4C1E-9C0A-5B2D1A7E4F10}
AppName=StretchApp
AppVersion={#AppVersion}
AppVerName=StretchApp {#AppVersion}
AppPublisher=The StretchApp contributors
AppPublisherURL=https://github.com/stretchapp/stretchapp
DefaultDirName={autopf}\StretchApp
DefaultGroupName=StretchApp
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; Qt 6 runs on Windows 10 1809 and later
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=StretchApp-{#AppVersion}-setup
SetupIconFile=stretchapp.ico
UninstallDisplayIcon={app}\stretchapp.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\StretchApp"; Filename: "{app}\stretchapp.exe"
Name: "{autodesktop}\StretchApp"; Filename: "{app}\stretchapp.exe"; Tasks: desktopicon

[Registry]
; Written by StretchApp itself when "Start when I log in" is on; removed on uninstall.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "StretchApp"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\stretchapp.exe"; Description: "{cm:LaunchProgram,StretchApp}"; Flags: nowait postinstall skipifsilent
