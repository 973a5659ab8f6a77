import { programSchema, siteSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { episodeList } from '../intake/lists';
import { HoursSection } from './HoursSection';
import { roomList } from './lists';
import { MakeupsSection } from './MakeupsSection';
import { TrackEnrolSection } from './TrackEnrolSection';
import { WeekSessions } from './WeekSessions';
import { currentWeek, viewerZone } from './week';

/** The zone of a program's site, whose calendar decides which week "this week" is. */
async function programZone(programId: string): Promise<string> {
  const program = await api.get(`/programs/${programId}`, { schema: programSchema });
  const site = await api.get(`/sites/${program.siteId}`, { schema: siteSchema });
  return site.timeZone;
}

/**
 * A participant's schedule on their record: a week of hours and sessions (the week in the zone of the
 * site where they attend, their open episode's program; the viewer's own zone when none is open),
 * their make-ups, and for schedulers enrolment in a whole track. Any change here reloads the rest.
 */
export function ParticipantSchedule({
  participantId,
  canManage,
}: {
  participantId: string;
  canManage: boolean;
}) {
  const episodes = useApiData(
    () => api.get(`/participants/${participantId}/episodes`, { schema: episodeList }),
    [participantId],
  );
  const openEpisodes = episodes.data?.items.filter((episode) => episode.status === 'open');
  const attendsProgram = openEpisodes?.[0]?.programId;
  const episodesLoaded = episodes.data !== undefined;
  const zone = useApiData(
    () =>
      attendsProgram
        ? programZone(attendsProgram)
        : Promise.resolve(episodesLoaded ? viewerZone() : undefined),
    [attendsProgram, episodesLoaded],
  );
  const rooms = useApiData(() => api.get('/rooms', { schema: roomList }), []);
  const [chosenWeek, setChosenWeek] = useState<string | null>(null);
  /** Counts changes made here (make-ups, enrolments), so everything showing the schedule loads again. */
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((count) => count + 1);

  const thisWeek = zone.data ? currentWeek(zone.data) : undefined;
  const week = chosenWeek ?? thisWeek;
  const roomName = (id: string | null) =>
    id ? (rooms.data?.items.find((room) => room.id === id)?.name ?? 'Room') : 'Telehealth';

  return (
    <>
      <HoursSection
        participantId={participantId}
        week={week}
        thisWeek={thisWeek}
        onWeek={setChosenWeek}
        version={version}
        zoneError={episodes.error ?? zone.error}
      >
        {week && (
          <WeekSessions
            participantId={participantId}
            week={week}
            canManage={canManage}
            version={version}
            roomName={roomName}
            onChanged={changed}
          />
        )}
      </HoursSection>
      <MakeupsSection
        participantId={participantId}
        canManage={canManage}
        version={version}
        onChanged={changed}
      />
      {canManage && openEpisodes && openEpisodes.length > 0 && (
        <TrackEnrolSection episodes={openEpisodes} onEnrolled={changed} />
      )}
    </>
  );
}
