<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AppController</name>
    <message>
        <location filename="../ui/app_controller.py" line="67"/>
        <source>an unsaved project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="69"/>
        <source>Restore unsaved work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="70"/>
        <source>landplanner did not close normally last time. Restore the autosaved copy of {0}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../ui/table_dock.py" line="67"/>
        <source>Search parcel id, enterprise, credit code, park…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="76"/>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="78"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="82"/>
        <source>Add filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="86"/>
        <source>Clear all filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="117"/>
        <source>Copy selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="120"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="297"/>
        <source>Filters: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="297"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="309"/>
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
        <location filename="../ui/conflict_dialog.py" line="67"/>
        <source>Keep all mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="69"/>
        <source>Take all theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="71"/>
        <source>Merge as chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../ui/database_dialog.py" line="35"/>
        <source>Open a project from a database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="39"/>
        <source>optional: a pg_service.conf entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="48"/>
        <source>used for this session only, never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="52"/>
        <source>List projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="54"/>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="55"/>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="56"/>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="57"/>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="58"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="59"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="60"/>
        <source>Project (schema):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="64"/>
        <source>The password is not stored. To connect without typing it, put it in ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) or a pg_service.conf entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="127"/>
        <source>{0} projects found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../ui/details_panel.py" line="39"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="39"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="103"/>
        <source>Select a parcel on the map or in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="108"/>
        <source>Parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="153"/>
        <source>Per-mu scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="158"/>
        <source>Rank in group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="163"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="172"/>
        <source>Points: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="193"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="203"/>
        <source> (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../ui/error_log.py" line="52"/>
        <source>Not enough memory to finish this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="54"/>
        <source>No permission to access the file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="56"/>
        <source>File not found: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="57"/>
        <source>An unexpected error occurred: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="81"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="97"/>
        <source>The details were written to the log file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/import_dialog.py" line="52"/>
        <source>Import parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="68"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="69"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="77"/>
        <source>Load report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="79"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="81"/>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="82"/>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="83"/>
        <source>Geometry type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="90"/>
        <source>Coordinate system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="92"/>
        <source>Suggestion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="101"/>
        <source>Reload with this encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="102"/>
        <source>If field names or text look garbled, choose another encoding and reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="110"/>
        <source>Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="139"/>
        <source>from the .cpg file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="140"/>
        <source>from the DBF language byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="141"/>
        <source>detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="142"/>
        <source>chosen by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="146"/>
        <source>Problems found ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="151"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="151"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="182"/>
        <source>Field mapping (guessed from the field names; change as needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>App field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>Source field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>Sample value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="202"/>
        <source>(not mapped)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../ui/layers_panel.py" line="120"/>
        <source>Layers</source>
        <extracomment>QSettings key of the label field (&quot;&quot; = no labels).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="124"/>
        <source>Thematic style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="126"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="165"/>
        <source>Parcels ({0:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="168"/>
        <source>Park boundaries ({0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_docks.py" line="129"/>
        <source>Layers and legend</source>
        <extracomment>Attributes of the window that hold deferred panels (asking for one builds them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="130"/>
        <source>Park quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="131"/>
        <source>Parcel and enterprise details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="132"/>
        <source>Plan (one per enterprise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="136"/>
        <source>Per-mu scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="137"/>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="53"/>
        <source>New project</source>
        <extracomment>Map tools, QGIS-like: none of them clashes with a File or Edit shortcut.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="54"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="55"/>
        <source>Open a project (.gpkg) or a parcel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="56"/>
        <source>Open from database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="57"/>
        <source>Open a project shared in a PostGIS database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="58"/>
        <source>Save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="59"/>
        <source>Save project as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="60"/>
        <source>Import parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="61"/>
        <source>Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="62"/>
        <source>Import park boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="63"/>
        <source>Import enterprise indicators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="64"/>
        <source>Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="65"/>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="66"/>
        <source>Export the land list, enterprise list, plans and park progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="67"/>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="68"/>
        <source>Map layouts (PDF, PNG, printer) and the one-enterprise-one-plan atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="69"/>
        <source>Export map image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="70"/>
        <source>The current map view as a PNG at print resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="71"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="72"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="76"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="81"/>
        <source>Copy selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="82"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="83"/>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="85"/>
        <source>Full extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="86"/>
        <source>Zoom to all parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="87"/>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="88"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="89"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="92"/>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="93"/>
        <source>Select (hold Shift to add)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="94"/>
        <source>Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="95"/>
        <source>Measure distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="96"/>
        <source>Measure area (m², mu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="119"/>
        <source>Re-score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="120"/>
        <source>Recompute the per-mu scores with the current settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="121"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="130"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="142"/>
        <source>Recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="149"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="156"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="159"/>
        <source>Reset panel layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="161"/>
        <source>Put every panel back where and how large it was at first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="167"/>
        <source>Thematic style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="170"/>
        <source>Language / 语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="174"/>
        <source>&amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="188"/>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="193"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="197"/>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="240"/>
        <source>X, Y: {0:,.2f}, {1:,.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="250"/>
        <source>Scale 1:{0:,.0f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>Untitled project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="273"/>
        <source>landplanner — land revitalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="44"/>
        <source>Open a project or parcel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="45"/>
        <source>Projects and parcel files ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="69"/>
        <location filename="../ui/file_commands.py" line="83"/>
        <source>Opening the project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="71"/>
        <location filename="../ui/file_commands.py" line="85"/>
        <source>Cannot open the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="107"/>
        <source>Project on a network share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="114"/>
        <source>Import parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="115"/>
        <source>Parcel files ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="130"/>
        <source>Cannot read the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="137"/>
        <source>Choose a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="137"/>
        <source>This file has several layers. Choose the parcel layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="142"/>
        <source>Reading parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="144"/>
        <location filename="../ui/file_commands.py" line="175"/>
        <source>Cannot import the parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="195"/>
        <source>Import park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="196"/>
        <source>Park boundaries ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="211"/>
        <location filename="../ui/file_commands.py" line="216"/>
        <source>Cannot import the park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="213"/>
        <source>Park boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="215"/>
        <source>Reading park boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="221"/>
        <source>Import enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="222"/>
        <source>Indicator tables ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="245"/>
        <location filename="../ui/file_commands.py" line="252"/>
        <source>Import cancelled; the indicators are unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="248"/>
        <source>Enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="256"/>
        <source>Reading enterprise indicators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="254"/>
        <source>Cannot import the enterprise indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="68"/>
        <source>Changes by other users: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="265"/>
        <source>Replace indicator year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="266"/>
        <source>The project already holds indicators for this year. Replace them with the new table?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="276"/>
        <source>{0} imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="279"/>
        <source>{0} imported; {1} problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="287"/>
        <source>Export Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="287"/>
        <source>land-revitalization.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="300"/>
        <source>Exporting Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="302"/>
        <location filename="../ui/file_commands.py" line="337"/>
        <source>Exported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="303"/>
        <location filename="../ui/file_commands.py" line="335"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="312"/>
        <source>Import parcels first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="327"/>
        <source>Export map image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="359"/>
        <source>Save project as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="359"/>
        <source>project.gpkg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="360"/>
        <source>landplanner projects (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="389"/>
        <source>Saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="399"/>
        <source>Saving the project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="397"/>
        <source>Save failed; the previous file is unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="409"/>
        <source>Not saved: the conflict is still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="419"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="419"/>
        <source>The project has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="234"/>
        <source>About landplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="235"/>
        <source>landplanner {0}
Land revitalization: low-efficiency land, per-mu scoring, plans, park quotas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../ui/map_canvas.py" line="543"/>
        <source>{park} {done} / {target} mu</source>
        <extracomment>Layers the user can show or hide (the layer list&apos;s check boxes): the parcels, the park boundaries with their quota gauges, the parcel labels, the marker sets (``assets``, ``match``) and the scale bar with the north arrow. Pixels the mouse may move and still count as a click. Hit-test tolerance around the cursor, in pixels. Zoom factor of one wheel notch (120 units). a layer was shown / hidden, or a marker set appeared or went (the layer list follows) a legend class of the current style was shown or hidden</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="730"/>
        <source>Distance: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="735"/>
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
    <name>ParkCard</name>
    <message>
        <location filename="../ui/quota_panel.py" line="91"/>
        <source>no target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="126"/>
        <source>Click to zoom to this park and filter the table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../ui/plan_editor.py" line="142"/>
        <source>Create plan with this method</source>
        <extracomment>Item data role of an account cell showing a computed (not entered) figure: its text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="145"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="148"/>
        <source>(not chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="160"/>
        <source>empty = all its parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="189"/>
        <source>Add milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="191"/>
        <source>Remove milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="173"/>
        <source>Milestones:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="233"/>
        <source>Save plan changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="236"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="243"/>
        <source>e.g. transfer contract no., inspection record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="245"/>
        <source>required when moving the status back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="253"/>
        <source>Current:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="254"/>
        <source>Closing date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="255"/>
        <source>Evidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="256"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="268"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="432"/>
        <source>Select a parcel to see or create its plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="471"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="472"/>
        <source>Suggested method: &lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Why: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="546"/>
        <source> — closed on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="548"/>
        <source>(overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="560"/>
        <source>Move to “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="562"/>
        <source>Back to “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="595"/>
        <source>Create plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="641"/>
        <source>Edit plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="655"/>
        <source>Status: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../ui/print_dialog.py" line="52"/>
        <source>Print and export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="60"/>
        <source>Map layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="61"/>
        <source>Case-file atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="88"/>
        <source>Save as template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="93"/>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="98"/>
        <source>Landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="99"/>
        <source>Portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="120"/>
        <source>All parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="121"/>
        <source>Current map view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="126"/>
        <source>Fit (round scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="138"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="138"/>
        <source>Scale bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="139"/>
        <source>North arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="139"/>
        <source>Coordinate grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="140"/>
        <source>Quota table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="141"/>
        <source>Park quota labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="146"/>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="147"/>
        <source>Orientation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="148"/>
        <source>Margins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="149"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="150"/>
        <source>Subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="151"/>
        <source>Map style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="152"/>
        <source>Map shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="153"/>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="154"/>
        <source>Mapping unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="155"/>
        <source>Data as of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="156"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="157"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="163"/>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="165"/>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="167"/>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="190"/>
        <source>One page per enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="191"/>
        <source>One page per parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="192"/>
        <source>One page per park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="195"/>
        <source>Only the selected parcels&apos; pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="197"/>
        <source>One PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="198"/>
        <source>One file per page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="199"/>
        <source>One PDF per park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="201"/>
        <source>Export atlas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="203"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="204"/>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="206"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="207"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="267"/>
        <source>Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="267"/>
        <source>Template name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="324"/>
        <source>The legend does not fit its frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="333"/>
        <source>{0} pages (plus cover and contents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="353"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="377"/>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="377"/>
        <source>map.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="379"/>
        <location filename="../ui/print_dialog.py" line="384"/>
        <location filename="../ui/print_dialog.py" line="466"/>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="379"/>
        <location filename="../ui/print_dialog.py" line="384"/>
        <source>Wrote {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="382"/>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="382"/>
        <source>map.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="430"/>
        <source>Export atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="430"/>
        <source>case-files.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="443"/>
        <source>Writing the atlas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="443"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="466"/>
        <source>Wrote {0} pages in {1} file(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuotaPanel</name>
    <message>
        <location filename="../ui/quota_panel.py" line="159"/>
        <source>Mu closed per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="207"/>
        <source>Open a project to see the park quotas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="215"/>
        <source>Quotas cannot be computed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="224"/>
        <source>{0} park(s) behind pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="224"/>
        <source>All parks on pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="264"/>
        <source>No case closed yet this year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="266"/>
        <source>mu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../ui/scoring_panel.py" line="75"/>
        <source>Value ÷ benchmark × weight</source>
        <extracomment>The map&apos;s class colours (one source: ``styles.class_colors``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="76"/>
        <source>Min–max within the group (20–100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="81"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="82"/>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="83"/>
        <source>Year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="94"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="94"/>
        <source>Up to rank percentile (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="99"/>
        <source>Re-score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="111"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="114"/>
        <source>Indicators (empty benchmark = from the data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="116"/>
        <source>Class bands by rank within the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="122"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="124"/>
        <source>Enterprises per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="126"/>
        <source>Benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="253"/>
        <source>Import enterprise indicators first (File → Import enterprise indicators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="263"/>
        <source>Enter numbers for weights, benchmarks and bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="268"/>
        <source>Scoring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="284"/>
        <source>{0} enterprises scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="290"/>
        <source>Scoring cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="293"/>
        <source>Scoring failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="295"/>
        <source>Scoring enterprises…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="322"/>
        <source>Select a parcel to see its enterprise&apos;s points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="329"/>
        <source>The selected parcel&apos;s enterprise is not scored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="334"/>
        <source>{0}: {1:.2f} points, class {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="335"/>
        <source>{0}: not graded (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="347"/>
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
    <message>
        <location filename="../ui/undo_commands.py" line="69"/>
        <source>Project settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../ui/workers.py" line="111"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
