<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AppController</name>
    <message>
        <location filename="../ui/app_controller.py" line="66"/>
        <source>an unsaved project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="68"/>
        <source>Restore unsaved work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="69"/>
        <source>landplanner did not close normally last time. Restore the autosaved copy of {0}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../ui/table_dock.py" line="46"/>
        <source>Search parcel id, enterprise, credit code, park…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="55"/>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="57"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="61"/>
        <source>Add filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="65"/>
        <source>Clear all filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="88"/>
        <source>Copy selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="91"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="157"/>
        <source>Filters: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="157"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="164"/>
        <source>Showing {0} / {1} parcels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../ui/conflict_dialog.py" line="36"/>
        <source>Someone else changed the same values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="39"/>
        <source>While you were editing, other users saved changes to the same fields. Nothing has been saved yet. For each field, choose whose value to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="45"/>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="45"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="59"/>
        <source>My value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="60"/>
        <source>Their value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="66"/>
        <source>Keep all mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="68"/>
        <source>Take all theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="70"/>
        <source>Merge as chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../ui/database_dialog.py" line="34"/>
        <source>Open a project from a database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="38"/>
        <source>optional: a pg_service.conf entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="47"/>
        <source>used for this session only, never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="51"/>
        <source>List projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="53"/>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="54"/>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="55"/>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="56"/>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="57"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="58"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="59"/>
        <source>Project (schema):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="63"/>
        <source>The password is not stored. To connect without typing it, put it in ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) or a pg_service.conf entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="126"/>
        <source>{0} projects found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../ui/details_panel.py" line="34"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="34"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="93"/>
        <source>Select a parcel on the map or in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="98"/>
        <source>Parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="114"/>
        <source>Per-mu scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="115"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="119"/>
        <source>Rank in group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="120"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="122"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="130"/>
        <source>Points: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="135"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="137"/>
        <location filename="../ui/details_panel.py" line="144"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="143"/>
        <source>Plan ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="144"/>
        <source> (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="146"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="147"/>
        <source>Responsible unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="148"/>
        <source>Responsible person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="150"/>
        <source>Target date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../ui/error_log.py" line="51"/>
        <source>Not enough memory to finish this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="53"/>
        <source>No permission to access the file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="55"/>
        <source>File not found: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="56"/>
        <source>An unexpected error occurred: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="80"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="96"/>
        <source>The details were written to the log file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/import_dialog.py" line="39"/>
        <source>Import parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="51"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="52"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="60"/>
        <source>Load report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="62"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="64"/>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="65"/>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="66"/>
        <source>Geometry type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="68"/>
        <source>Unknown coordinate system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="75"/>
        <source>Coordinate system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="77"/>
        <source>Suggestion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="86"/>
        <source>Reload with this encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="87"/>
        <source>If field names or text look garbled, choose another encoding and reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="95"/>
        <source>Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="100"/>
        <source>from the .cpg file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="101"/>
        <source>from the DBF language byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="102"/>
        <source>detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="103"/>
        <source>chosen by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="107"/>
        <source>Problems found ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="130"/>
        <source>Field mapping (guessed from the field names; change as needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>App field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>Source field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>Sample value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="150"/>
        <source>(not mapped)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../ui/layers_panel.py" line="53"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="55"/>
        <source>Thematic style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="57"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="80"/>
        <source>Parcels ({0:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="83"/>
        <source>Park boundaries ({0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="98"/>
        <source>Layers and legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="99"/>
        <source>Park quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="100"/>
        <source>Parcel and enterprise details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="101"/>
        <source>Plan (one per enterprise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="102"/>
        <source>Per-mu scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="103"/>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="129"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="130"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="131"/>
        <source>Open a project (.gpkg) or a parcel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="132"/>
        <source>Open from database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="133"/>
        <source>Open a project shared in a PostGIS database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="134"/>
        <source>Save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="135"/>
        <source>Save project as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="136"/>
        <source>Import parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="137"/>
        <source>Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="138"/>
        <source>Import park boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="139"/>
        <source>Import enterprise indicators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="140"/>
        <source>Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="141"/>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="142"/>
        <source>Export the land list, enterprise list, plans and park progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143"/>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144"/>
        <source>Print layouts will come in a later version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="146"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="147"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="151"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="156"/>
        <source>Copy selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="157"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="158"/>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="160"/>
        <source>Full extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="161"/>
        <source>Zoom to all parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="162"/>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="163"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="164"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="167"/>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="168"/>
        <source>Select (hold Shift to add)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="169"/>
        <source>Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="170"/>
        <source>Measure distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="171"/>
        <source>Measure area (m², mu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="192"/>
        <source>Re-score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="193"/>
        <source>Recompute the per-mu scores with the current settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="194"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="198"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="208"/>
        <source>Recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="215"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="222"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="226"/>
        <source>Thematic style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="229"/>
        <source>Language / 语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="233"/>
        <source>&amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="240"/>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="245"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="249"/>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="418"/>
        <source>X, Y: {0:,.2f}, {1:,.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="428"/>
        <source>Scale 1:{0:,.0f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="431"/>
        <source>{0} parcels selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="439"/>
        <source>Untitled project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="441"/>
        <source>landplanner — land revitalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="454"/>
        <source>Open a project or parcel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="455"/>
        <source>Projects and parcel files ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="479"/>
        <location filename="../ui/main_window.py" line="488"/>
        <source>Opening the project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="481"/>
        <location filename="../ui/main_window.py" line="490"/>
        <source>Cannot open the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="512"/>
        <source>Project on a network share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="519"/>
        <source>Import parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="520"/>
        <source>Parcel files ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="533"/>
        <source>Cannot read the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>Choose a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>This file has several layers. Choose the parcel layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="545"/>
        <source>Reading parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="547"/>
        <location filename="../ui/main_window.py" line="573"/>
        <source>Cannot import the parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="582"/>
        <source>Import park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="583"/>
        <source>Park boundaries ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="596"/>
        <location filename="../ui/main_window.py" line="604"/>
        <source>Cannot import the park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="601"/>
        <source>Park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="603"/>
        <source>Reading park boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="609"/>
        <source>Import enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="610"/>
        <source>Indicator tables ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="633"/>
        <location filename="../ui/main_window.py" line="640"/>
        <source>Import cancelled; the indicators are unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="636"/>
        <source>Enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="644"/>
        <source>Reading enterprise indicators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="642"/>
        <source>Cannot import the enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="69"/>
        <source>Changes by other users: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="653"/>
        <source>Replace indicator year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="654"/>
        <source>The project already holds indicators for this year. Replace them with the new table?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="664"/>
        <source>{0} imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="667"/>
        <source>{0} imported; {1} problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="675"/>
        <source>Export Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="675"/>
        <source>land-revitalization.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="687"/>
        <source>Exporting Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="689"/>
        <source>Exported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="690"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="713"/>
        <source>Save project as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="713"/>
        <source>project.gpkg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="714"/>
        <source>landplanner projects (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="746"/>
        <source>Saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="756"/>
        <source>Saving the project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="754"/>
        <source>Save failed; the previous file is unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="766"/>
        <source>Not saved: the conflict is still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="776"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="776"/>
        <source>The project has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="804"/>
        <source>About landplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="805"/>
        <source>landplanner {0}
Land revitalization: low-efficiency land, per-mu scoring, plans, park quotas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../ui/map_canvas.py" line="421"/>
        <source>{park} {done} / {target} mu</source>
        <extracomment>Pixels the mouse may move and still count as a click. Hit-test tolerance around the cursor, in pixels. Zoom factor of one wheel notch (120 units).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="532"/>
        <source>Distance: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="537"/>
        <source>Area: {0} m² = {1} mu
Perimeter: {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapStyles</name>
    <message>
        <location filename="map_style_strings.py" line="18"/>
        <source>Outside the parks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="19"/>
        <source>Overdue (red outline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="20"/>
        <source>By land category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="21"/>
        <source>By per-mu class (A–D, T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="22"/>
        <source>By plan status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="23"/>
        <source>By park</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParcelTable</name>
    <message>
        <location filename="../ui/table_model.py" line="43"/>
        <source>Parcel ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="44"/>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="45"/>
        <source>Credit code (USCC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="46"/>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="47"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="48"/>
        <source>Land use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="49"/>
        <source>Area (mu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="50"/>
        <source>Declared area (mu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="51"/>
        <source>Plot ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="52"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="53"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="54"/>
        <source>Plan status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParkCard</name>
    <message>
        <location filename="../ui/quota_panel.py" line="75"/>
        <source>no target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="100"/>
        <source>Click to zoom to this park and filter the table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../ui/plan_editor.py" line="76"/>
        <source>Create plan with this method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="79"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="82"/>
        <source>(not chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="91"/>
        <source>empty = all its parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="95"/>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="96"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="97"/>
        <source>Responsible unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="98"/>
        <source>Responsible person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="99"/>
        <source>Target date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="100"/>
        <source>Mu to free:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="101"/>
        <source>Expected tax after (10k yuan):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="102"/>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="110"/>
        <source>Add milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="112"/>
        <source>Remove milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="118"/>
        <source>Milestones:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="121"/>
        <source>Save plan changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="125"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="131"/>
        <source>e.g. transfer contract no., inspection record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="133"/>
        <source>required when moving the status back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="141"/>
        <source>Current:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="142"/>
        <source>Closing date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="143"/>
        <source>Evidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="144"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="156"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="200"/>
        <source>Select a parcel to see or create its plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="213"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="214"/>
        <source>Suggested method: &lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Why: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="238"/>
        <source> — closed on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="240"/>
        <source>(overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="250"/>
        <source>Move to “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="252"/>
        <source>Back to “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="275"/>
        <source>Create plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="298"/>
        <source>Edit plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="311"/>
        <source>Status: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuotaPanel</name>
    <message>
        <location filename="../ui/quota_panel.py" line="135"/>
        <source>Mu closed per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="157"/>
        <source>Open a project to see the park quotas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="165"/>
        <source>Quotas cannot be computed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="170"/>
        <source>{0} park(s) behind pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="170"/>
        <source>All parks on pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="198"/>
        <source>No case closed yet this year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="200"/>
        <source>mu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../ui/scoring_panel.py" line="67"/>
        <source>Value ÷ benchmark × weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="68"/>
        <source>Min–max within the group (20–100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="73"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="74"/>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="75"/>
        <source>Year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="86"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="86"/>
        <source>Up to rank percentile (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="91"/>
        <source>Re-score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="103"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="106"/>
        <source>Indicators (empty benchmark = from the data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="108"/>
        <source>Class bands by rank within the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="114"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="116"/>
        <source>Enterprises per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="118"/>
        <source>Benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="242"/>
        <source>Import enterprise indicators first (File → Import enterprise indicators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="249"/>
        <source>Enter numbers for weights, benchmarks and bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="254"/>
        <source>Scoring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="269"/>
        <source>{0} enterprises scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="275"/>
        <source>Scoring cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="278"/>
        <source>Scoring failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="280"/>
        <source>Scoring enterprises…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="307"/>
        <source>Select a parcel to see its enterprise&apos;s points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="314"/>
        <source>The selected parcel&apos;s enterprise is not scored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="319"/>
        <source>{0}: {1:.2f} points, class {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="320"/>
        <source>{0}: not graded (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="328"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../ui/undo_commands.py" line="20"/>
        <source>Edit {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/undo_commands.py" line="39"/>
        <source>Edit plan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../ui/workers.py" line="108"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
